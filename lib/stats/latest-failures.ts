import { latestFailureRows } from "../db/queries/stats";
import { summaryFromRow, type DeliverySummary } from "../events/delivery-summary";
import type { LatestFailuresQuery } from "./stats-query";

/**
 * The newest failing deliveries in a range: failed result, invalid signature or unparsed
 * body, newest first (lib/db/queries/stats.ts).
 */
export async function latestFailures(
  query: LatestFailuresQuery,
): Promise<{ data: DeliverySummary[] }> {
  const rows = await latestFailureRows(query);
  return { data: rows.map(summaryFromRow) };
}
