import { getDatabase } from "../db/sqlite";
import type { EventFilter } from "../events/event-filter";
import { eventFilterSql } from "../events/event-filter-sql";
import {
  SUMMARY_COLUMNS,
  summaryFromRow,
  type EventSummary,
  type SummaryRow,
} from "../events/event-summary";
import { matchesFilter } from "../events/match-filter";
import { matchingDeliveryIds } from "../search/search-query-sqlite";
import { subscribeDeliveries } from "./delivery-bus";

const CATCH_UP_PAGE = 500;
const HEARTBEAT_MS = 15_000;

function sseMessage(item: EventSummary): string {
  return `id: ${item.id}\nevent: delivery\ndata: ${JSON.stringify(item)}\n\n`;
}

/**
 * A Server-Sent Events stream of deliveries matching a filter. With a Last-Event-ID (a
 * reconnect) it first sends everything stored after that id, oldest first, then goes
 * live; live items that arrive during the catch-up are held and de-duplicated by id,
 * so nothing is missed or sent twice across a reconnect.
 */
export function streamDeliveries(options: {
  filter: EventFilter;
  lastEventId: number | null;
  signal: AbortSignal;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let lastSent = options.lastEventId ?? 0;
      let live = false;
      const held: EventSummary[] = [];
      const send = (item: EventSummary) => {
        if (item.id <= lastSent) return;
        lastSent = item.id;
        controller.enqueue(encoder.encode(sseMessage(item)));
      };
      const unsubscribe = subscribeDeliveries((published) => {
        let items = published.filter((item) => matchesFilter(item, options.filter));
        if (options.filter.q && items.length > 0) {
          // Payload search reads the stored bodies: one query for the whole batch.
          const ids = items.map((item) => item.id);
          const matching = matchingDeliveryIds(getDatabase(), ids, options.filter.q);
          items = items.filter((item) => matching.has(item.id));
        }
        for (const item of items) {
          if (live) send(item);
          else held.push(item);
        }
      });
      const heartbeat = setInterval(
        () => controller.enqueue(encoder.encode(": keep-alive\n\n")),
        HEARTBEAT_MS,
      );
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
      };
      options.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });

      controller.enqueue(encoder.encode("retry: 2000\n: connected\n\n"));
      if (options.lastEventId !== null) {
        const where = eventFilterSql(options.filter);
        const page = getDatabase().prepare(
          `SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE ${where.sql} AND id > @after ORDER BY id LIMIT ${CATCH_UP_PAGE}`,
        );
        for (;;) {
          const rows = page.all({ ...where.params, after: lastSent }) as SummaryRow[];
          rows.forEach((row) => send(summaryFromRow(row)));
          if (rows.length < CATCH_UP_PAGE) break;
        }
      }
      live = true;
      held.forEach(send);
    },
    cancel() {
      cleanup();
    },
  });
}
