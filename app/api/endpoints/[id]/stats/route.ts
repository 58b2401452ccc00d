import {
  countEndpointDeliveries,
  getEndpointStats,
  newestDeliveryId,
} from "@/lib/endpoints/endpoint-stats";
import type { EndpointDetailStats } from "@/lib/endpoints/endpoint-types";
import { getEndpoint } from "@/lib/endpoints/find-endpoints";
import { findRejectedDeliveries } from "@/lib/endpoints/find-rejected-deliveries";
import { handleRoute } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

type Context = RouteContext<"/api/endpoints/[id]/stats">;

/**
 * One endpoint's stats with what only this view needs: all its deliveries (what deleting
 * it deletes), its recently refused deliveries with the reason, and the newest delivery
 * id of all (the wizard listens for what comes after it).
 */
export const GET = handleRoute<Context>(async (_request, context) => {
  const { id } = await context.params;
  await getEndpoint({ id });
  return Response.json({
    ...getEndpointStats({ endpointId: id }),
    deliveries_total: countEndpointDeliveries(id),
    newest_delivery_id: newestDeliveryId(),
    recent_rejected: findRejectedDeliveries({ endpointId: id }),
  } satisfies EndpointDetailStats);
});
