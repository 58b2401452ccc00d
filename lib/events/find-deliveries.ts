import { feedPage } from "../db/queries/deliveries";
import { cursorPage, lookaheadLimit, type CursorPage } from "../http/cursor-page";
import type { DeliveryListQuery } from "./delivery-filter";
import { summaryFromRow, type DeliverySummary } from "./delivery-summary";

/** Newest first, by cursor (the last id of the previous page). Summary columns only. */
export async function findDeliveries(
  query: DeliveryListQuery,
): Promise<CursorPage<DeliverySummary>> {
  const rows = await feedPage(query, query.cursor, lookaheadLimit(query.limit));
  return cursorPage(rows, query.limit, {
    item: summaryFromRow,
    cursor: (last) => String(last.id),
  });
}
