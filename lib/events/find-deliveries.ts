import { refuseOnPostgresql } from "../db/postgres-coverage";
import { feedPage } from "../db/queries/deliveries";
import { getDatabase } from "../db/sqlite";
import { cursorPage, lookaheadLimit, type CursorPage } from "../http/cursor-page";
import { findSearchPage } from "../search/search-query-sqlite";
import type { DeliveryListQuery } from "./delivery-filter";
import { deliveryFilterSql } from "./delivery-filter-sql";
import {
  SUMMARY_COLUMNS,
  summaryFromRow,
  type DeliverySummary,
  type SummaryRow,
} from "./delivery-summary";

/** Newest first, by cursor (the last id of the previous page). Summary columns only.
 *  Payload search (`q`) is SQLite's so far. */
export async function findDeliveries(
  query: DeliveryListQuery,
): Promise<CursorPage<DeliverySummary>> {
  if (query.q) refuseOnPostgresql("payload search (q)");
  const rows = query.q
    ? findSearchPage<SummaryRow>(getDatabase(), {
        text: query.q,
        columns: SUMMARY_COLUMNS.split(",")
          .map((name) => `d.${name.trim()}`)
          .join(", "),
        where: deliveryFilterSql({ ...query, q: undefined }, "d"),
        cursor: query.cursor,
        limit: lookaheadLimit(query.limit),
      })
    : await feedPage(query, query.cursor, lookaheadLimit(query.limit));
  return cursorPage(rows, query.limit, {
    item: summaryFromRow,
    cursor: (last) => String(last.id),
  });
}
