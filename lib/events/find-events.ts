import { getDatabase } from "../db/sqlite";
import { findSearchPage } from "../search/search-query-sqlite";
import type { EventListQuery } from "./event-filter";
import { eventFilterSql } from "./event-filter-sql";
import {
  SUMMARY_COLUMNS,
  summaryFromRow,
  type EventSummary,
  type SummaryRow,
} from "./event-summary";

/** Newest first, by cursor (the last id of the previous page). Summary columns only. */
export function findEvents(query: EventListQuery): {
  data: EventSummary[];
  next_cursor: string | null;
} {
  const db = getDatabase();
  const rows = query.q
    ? findSearchPage<SummaryRow>(db, {
        text: query.q,
        columns: SUMMARY_COLUMNS.split(",")
          .map((name) => `d.${name.trim()}`)
          .join(", "),
        where: eventFilterSql({ ...query, q: undefined }, "d"),
        cursor: query.cursor,
        limit: query.limit + 1,
      })
    : findPage(query);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(summaryFromRow),
    next_cursor: rows.length > query.limit && last ? String(last.id) : null,
  };
}

function findPage(query: EventListQuery): SummaryRow[] {
  const where = eventFilterSql(query);
  const params: Record<string, string | number> = { ...where.params, limit: query.limit + 1 };
  let sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE ${where.sql}`;
  if (query.cursor !== undefined) {
    sql += " AND id < @cursor";
    params.cursor = query.cursor;
  }
  sql += " ORDER BY id DESC LIMIT @limit";
  return getDatabase().prepare(sql).all(params) as SummaryRow[];
}
