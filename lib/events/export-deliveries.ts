import { deliveriesAfter, newestDeliveryId } from "../db/queries/deliveries";
import type { DeliveryFilter } from "./delivery-filter";
import { summaryFromRow } from "./delivery-summary";
import { csvHeader, csvRow, ndjsonLine, type ExportFormat } from "./export-format";

const PAGE = 1000;

/**
 * Every delivery matching a filter, oldest first, as NDJSON or CSV. Read by keyset pages
 * (id > last id) on demand: the stream pulls the next page only when the client has
 * taken the previous one, so memory stays at one page whatever the size. The export
 * ends at the newest id that existed when it began, so that steady ingest cannot keep
 * it running forever.
 */
export function exportDeliveries(options: {
  filter: DeliveryFilter;
  format: ExportFormat;
  signal?: AbortSignal;
}): ReadableStream<Uint8Array> {
  const { filter } = options;
  const encoder = new TextEncoder();
  const line = options.format === "csv" ? csvRow : ndjsonLine;
  let last = 0;
  let after = 0;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async start() {
        last = (await newestDeliveryId.get())?.id ?? 0;
      },
      async pull(controller) {
        if (options.signal?.aborted) return controller.close();
        let text = "";
        if (!started && options.format === "csv") text += csvHeader();
        started = true;
        const rows = await deliveriesAfter(filter, after, PAGE, last);
        for (const row of rows) text += line(summaryFromRow(row));
        const tail = rows[rows.length - 1];
        if (tail) after = tail.id;
        if (text) controller.enqueue(encoder.encode(text));
        if (rows.length < PAGE) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}
