import { deliveryCounts } from "../db/queries/stats";
import { countOf, countRecord } from "./count-record";
import { NO_VALUE, type StatsSeriesQuery } from "./stats-query";
import type { DeliveryStats } from "./stats-types";
import { bucketStarts, planSegments, spansFor } from "./time-buckets";

/**
 * Deliveries per bucket split by one dimension, counted in SQL from the rollups (and
 * from the deliveries for the seconds at the range's edges, and those not rolled up yet),
 * so that the answer includes every stored delivery (lib/db/queries/stats.ts).
 */
export async function countDeliveries(query: StatsSeriesQuery): Promise<DeliveryStats> {
  const rows = await deliveryCounts({
    segments: planSegments(query.since, query.until, spansFor(query.bucketMs)),
    endpoint: query.endpoint,
    bucketMs: query.bucketMs,
    groupBy: query.group_by,
  });

  const byStart = new Map<number, Record<string, number>>(
    bucketStarts(query.since, query.until, query.bucketMs).map((t) => [t, countRecord()]),
  );
  const totals = countRecord();
  for (const row of rows) {
    const key = row.k === "" ? NO_VALUE : row.k;
    const counts = byStart.get(row.t);
    if (counts) counts[key] = row.n;
    totals[key] = countOf(totals, key) + row.n;
  }
  return {
    since: new Date(query.since).toISOString(),
    until: new Date(query.until).toISOString(),
    bucket: query.bucket,
    group_by: query.group_by,
    buckets: [...byStart].map(([t, counts]) => ({ t: new Date(t).toISOString(), counts })),
    totals,
  };
}
