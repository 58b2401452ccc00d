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
  const [stats, total, newest, rejected] = await Promise.all([
    getEndpointStats({ endpointId: id }),
    countEndpointDeliveries(id),
    newestDeliveryId(),
    findRejectedDeliveries({ endpointId: id }),
  ]);
  return Response.json({
    ...stats,
    deliveries_total: total,
    newest_delivery_id: newest,
    recent_rejected: rejected,
  } satisfies EndpointDetailStats);
});
