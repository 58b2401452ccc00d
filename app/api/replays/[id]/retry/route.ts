import { handleRoute, parseInput, readJson } from "@/lib/http/handle-route";
import { pathIdSchema, retryInputSchema } from "@/lib/replay/replay-input";
import { retryReplay } from "@/lib/replay/retry-replay";

export const dynamic = "force-dynamic";

/** Sends a recorded attempt's request again and answers the new attempt. */
export const POST = handleRoute<RouteContext<"/api/replays/[id]/retry">>(
  async (request, context) => {
    const id = parseInput(pathIdSchema, (await context.params).id);
    // The body is optional: an empty POST runs the attempt again as it was.
    const input = parseInput(
      retryInputSchema,
      request.headers.get("content-length") === "0" || !request.body
        ? undefined
        : await readJson(request),
    );
    return Response.json(await retryReplay({ id, timeoutMs: input.timeout_ms }), { status: 201 });
  },
);
