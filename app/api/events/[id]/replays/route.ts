import { handleRoute, parseInput, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { findDeliveryReplays } from "@/lib/replay/find-replays";
import { pathIdSchema, replayListSchema } from "@/lib/replay/replay-input";

export const dynamic = "force-dynamic";

/** One delivery's replay history, newest first. */
export const GET = handleRoute<RouteContext<"/api/events/[id]/replays">>(
  async (request, context) => {
    const deliveryId = parseInput(pathIdSchema, (await context.params).id);
    const query = parseQuery(replayListSchema, {
      ...searchParamsObject(request),
      event_id: deliveryId,
    });
    return Response.json(await findDeliveryReplays(deliveryId, query));
  },
);
