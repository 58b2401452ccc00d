import { countFacets } from "@/lib/events/count-facets";
import { deliveryFilterSchema } from "@/lib/events/delivery-filter";
import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** Counts by resource_type, action, result and kind for the feed filter. */
export const GET = handleRoute(async (request) => {
  const filter = parseQuery(deliveryFilterSchema, searchParamsObject(request));
  return Response.json(await countFacets(filter));
});
