import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";
import { pathIdSchema, replayInputSchema } from "@/lib/replay/replay-input";
import { sendReplay } from "@/lib/replay/send-replay";

export const dynamic = "force-dynamic";

/** Replays one delivery and answers the recorded attempt (201), or 422 when the target is
 *  refused, in which case nothing was sent. */
export const POST = handleRoute<RouteContext<"/api/events/[id]/replay">>(
  async (request, context) => {
    const deliveryId = parseInput(pathIdSchema, (await context.params).id);
    const input = parseInput(replayInputSchema, await readJson(request));
    return Response.json(await sendReplay({ deliveryId, input }), { status: 201 });
  },
);
