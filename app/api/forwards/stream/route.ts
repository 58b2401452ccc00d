import { streamForwardRules } from "@/lib/forwarding/stream-forward-rules";
import { handleRoute } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** SSE: `event: rules` with the rules' counts and health whenever they change. */
export const GET = handleRoute(
  (request) =>
    new Response(streamForwardRules({ signal: request.signal }), {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      },
    }),
);
