import { z } from "zod";
import { handleRoute, parseInput, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { sseResponse } from "@/lib/http/sse";
import { getBulkReplay } from "@/lib/replay/get-bulk-replay";
import { pathIdSchema } from "@/lib/replay/replay-input";
import { streamBulkReplay } from "@/lib/replay/stream-bulk-replay";

export const dynamic = "force-dynamic";

const afterSchema = z.coerce.number().int().min(0).nullable();

/** SSE: `progress` and, with ?after= (or Last-Event-ID), each `result` after that id. */
export const GET = handleRoute<RouteContext<"/api/replays/bulk/[id]/stream">>(
  async (request, context) => {
    const id = parseInput(pathIdSchema, (await context.params).id);
    const after = parseQuery(
      afterSchema,
      request.headers.get("last-event-id") ?? searchParamsObject(request).after ?? null,
    );
    await getBulkReplay({ id }); // 404 before the stream opens
    return sseResponse(streamBulkReplay({ id, after, signal: request.signal }));
  },
);
