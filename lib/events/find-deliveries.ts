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

/** Newest first, by cursor (the last id of the previous page). Summary columns only. */
export function findDeliveries(query: DeliveryListQuery): CursorPage<DeliverySummary> {
  const db = getDatabase();
  const rows = query.q
    ? findSearchPage<SummaryRow>(db, {
        text: query.q,
        columns: SUMMARY_COLUMNS.split(",")
          .map((name) => `d.${name.trim()}`)
          .join(", "),
        where: deliveryFilterSql({ ...query, q: undefined }, "d"),
        cursor: query.cursor,
        limit: lookaheadLimit(query.limit),
      })
    : findPage(query);
  return cursorPage(rows, query.limit, {
    item: summaryFromRow,
    cursor: (last) => String(last.id),
  });
}

function findPage(query: DeliveryListQuery): SummaryRow[] {
  const where = deliveryFilterSql(query);
  const params: Record<string, string | number> = {
    ...where.params,
    limit: lookaheadLimit(query.limit),
  };
  let sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE ${where.sql}`;
  if (query.cursor !== undefined) {
    sql += " AND id < @cursor";
    params.cursor = query.cursor;
  }
  sql += " ORDER BY id DESC LIMIT @limit";
  return getDatabase().prepare(sql).all(params) as SummaryRow[];
}
