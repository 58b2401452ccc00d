import { getEndpointStats } from "@/lib/endpoints/endpoint-stats";
import { getEndpoint } from "@/lib/endpoints/find-endpoints";
import { findRejectedDeliveries } from "@/lib/endpoints/find-rejected-deliveries";
import { handleRoute } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** One endpoint's stats and its recently refused deliveries with the reason. */
export const GET = handleRoute<Context>(async (_request, context) => {
  const { id } = await context.params;
  await getEndpoint({ id });
  return Response.json({
    ...getEndpointStats({ endpointId: id }),
    recent_rejected: findRejectedDeliveries({ endpointId: id }),
  });
});
