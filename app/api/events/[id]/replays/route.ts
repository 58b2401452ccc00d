import { getDelivery } from "@/lib/events/get-delivery";
import { handleRoute, parseInput, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { findReplays } from "@/lib/replay/find-replays";
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
    getDelivery({ id: deliveryId }); // 404 for an unknown delivery rather than an empty list
    return Response.json(await findReplays(query));
  },
);
