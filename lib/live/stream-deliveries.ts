import { deliveriesAfter, searchMatchingIds } from "../db/queries/deliveries";
import type { DeliveryFilter } from "../events/delivery-filter";
import { summaryFromRow, type DeliverySummary } from "../events/delivery-summary";
import { matchesFilter } from "../events/match-filter";
import { sseFrame } from "../http/sse";
import { catchUpStream } from "./catch-up-stream";
import { subscribeDeliveries } from "./delivery-bus";

/**
 * A Server-Sent Events stream of deliveries matching a filter. With a Last-Event-ID (a
 * reconnect) it first sends everything stored after that id, oldest first, then goes
 * live (catchUpStream holds and de-duplicates what arrives meanwhile).
 */
export function streamDeliveries(options: {
  filter: DeliveryFilter;
  lastEventId: number | null;
  signal: AbortSignal;
}): ReadableStream<Uint8Array> {
  const { filter } = options;
  return catchUpStream<DeliverySummary>({
    after: options.lastEventId,
    signal: options.signal,
    subscribe: (listener) =>
      subscribeDeliveries((published) => {
        const items = published.filter((item) => matchesFilter(item, filter));
        if (!filter.q || items.length === 0) return items.forEach(listener);
        // Payload search reads the stored bodies: one query for the whole batch.
        void searchMatchingIds(
          items.map((item) => item.id),
          filter.q,
        )
          .then((matching) => items.filter((item) => matching.has(item.id)).forEach(listener))
          .catch((error: unknown) => console.error("stream search", error));
      }),
    readAfter: async (after, limit) =>
      (await deliveriesAfter(filter, after, limit)).map(summaryFromRow),
    idOf: (item) => item.id,
    format: (item) => sseFrame("delivery", item, item.id),
  });
}
