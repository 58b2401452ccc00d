import { z } from "zod";
import { eventFilterSchema } from "@/lib/events/event-filter";
import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { streamDeliveries } from "@/lib/live/stream-deliveries";

export const dynamic = "force-dynamic";

const lastEventIdSchema = z.coerce.number().int().min(0).nullable();

/** SSE: `event: delivery`, `id` the delivery id, `data` its summary. Reconnects resume
 *  from Last-Event-ID (or ?last_event_id= for clients that cannot set headers). */
export const GET = handleRoute((request) => {
  const { last_event_id: fromQuery, ...params } = searchParamsObject(request);
  const filter = parseQuery(eventFilterSchema, params);
  const lastEventId = parseQuery(
    lastEventIdSchema,
    request.headers.get("last-event-id") ?? fromQuery ?? null,
  );
  const stream = streamDeliveries({ filter, lastEventId, signal: request.signal });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
