import { deliveryListSchema } from "@/lib/events/delivery-filter";
import { findDeliveries } from "@/lib/events/find-deliveries";
import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  const query = parseQuery(deliveryListSchema, searchParamsObject(request));
  return Response.json(await findDeliveries(query));
});
