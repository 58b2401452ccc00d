import { z } from "zod";
import { deliveryFilterSchema } from "@/lib/events/delivery-filter";
import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";
import { sseResponse } from "@/lib/http/sse";
import { streamDeliveries } from "@/lib/live/stream-deliveries";

export const dynamic = "force-dynamic";

const lastEventIdSchema = z.coerce.number().int().min(0).nullable();

/** SSE: `event: delivery`, `id` the delivery id, `data` its summary. Reconnects resume
 *  from Last-Event-ID (or ?last_event_id= for clients that cannot set headers). */
export const GET = handleRoute((request) => {
  const { last_event_id: fromQuery, ...params } = searchParamsObject(request);
  const filter = parseQuery(deliveryFilterSchema, params);
  const lastEventId = parseQuery(
    lastEventIdSchema,
    request.headers.get("last-event-id") ?? fromQuery ?? null,
  );
  return sseResponse(streamDeliveries({ filter, lastEventId, signal: request.signal }));
});
