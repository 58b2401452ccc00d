import { streamForwardRules } from "@/lib/forwarding/stream-forward-rules";
import { handleRoute } from "@/lib/http/handle-route";
import { sseResponse } from "@/lib/http/sse";

export const dynamic = "force-dynamic";

/** SSE: `event: rules` with the rules' counts and health whenever they change. */
export const GET = handleRoute((request) =>
  sseResponse(streamForwardRules({ signal: request.signal })),
);
