import type Database from "better-sqlite3";
import { getDatabase } from "../db/sqlite";
import {
  SUMMARY_COLUMNS,
  summaryFromRow,
  type DeliverySummary,
  type SummaryRow,
} from "../events/delivery-summary";
import type { LatestFailuresQuery } from "./stats-query";

/**
 * The newest failing deliveries in a range: failed result, invalid signature or unparsed
 * body. The condition is word for word the one of the partial index
 * deliveries_failures_idx, which is what lets SQLite use it.
 */
export function latestFailures(
  query: LatestFailuresQuery,
  db: Database.Database = getDatabase(),
): { data: DeliverySummary[] } {
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM deliveries
       WHERE (result = 'failed' OR signature = 'invalid' OR kind = 'unparsed')
         AND received_at >= @since AND received_at < @until ${query.endpoint ? "AND +endpoint_id = @endpoint" : ""}
       ORDER BY received_at DESC, id DESC LIMIT @limit`,
    )
    .all({
      since: query.since,
      until: query.until,
      limit: query.limit,
      ...(query.endpoint ? { endpoint: query.endpoint } : {}),
    }) as SummaryRow[];
  return { data: rows.map(summaryFromRow) };
}
