import { refuseOnPostgresql } from "../db/postgres-coverage";
import { deliveriesAfter } from "../db/queries/deliveries";
import { getDatabase } from "../db/sqlite";
import type { DeliveryFilter } from "../events/delivery-filter";
import { deliveryFilterSql } from "../events/delivery-filter-sql";
import {
  SUMMARY_COLUMNS,
  summaryFromRow,
  type DeliverySummary,
  type SummaryRow,
} from "../events/delivery-summary";
import { matchesFilter } from "../events/match-filter";
import { sseFrame } from "../http/sse";
import { matchingDeliveryIds } from "../search/search-query-sqlite";
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
  if (filter.q) refuseOnPostgresql("payload search (q) in the stream");
  return catchUpStream<DeliverySummary>({
    after: options.lastEventId,
    signal: options.signal,
    subscribe: (listener) =>
      subscribeDeliveries((published) => {
        let items = published.filter((item) => matchesFilter(item, filter));
        if (filter.q && items.length > 0) {
          // Payload search reads the stored bodies: one query for the whole batch.
          const ids = items.map((item) => item.id);
          const matching = matchingDeliveryIds(getDatabase(), ids, filter.q);
          items = items.filter((item) => matching.has(item.id));
        }
        items.forEach(listener);
      }),
    readAfter: async (after, limit) => {
      if (!filter.q) return (await deliveriesAfter(filter, after, limit)).map(summaryFromRow);
      const where = deliveryFilterSql(filter);
      const page = getDatabase().prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE ${where.sql} AND id > @after ORDER BY id LIMIT ${limit}`,
      );
      return (page.all({ ...where.params, after }) as SummaryRow[]).map(summaryFromRow);
    },
    idOf: (item) => item.id,
    format: (item) => sseFrame("delivery", item, item.id),
  });
}
