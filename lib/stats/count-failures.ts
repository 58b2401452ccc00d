import type Database from "better-sqlite3";
import { getDatabase } from "../db/sqlite";
import { refreshRollups } from "./refresh-rollups";
import { deliveryCountSource } from "./rollup-source";
import type { StatsSeriesQuery } from "./stats-query";
import type { FailureCounts, FailureStats } from "./stats-types";
import { bucketStarts, planSegments, spansFor } from "./time-buckets";

const FAILED = "result = 'failed'";
const INVALID = "signature = 'invalid'";
const UNPARSED = "kind = 'unparsed'";

/** Deliveries and failures per bucket, for the failure rate over time. */
export function countFailures(
  query: StatsSeriesQuery,
  db: Database.Database = getDatabase(),
): FailureStats {
  refreshRollups(db);
  const source = deliveryCountSource(
    planSegments(query.since, query.until, spansFor(query.bucketMs)),
    query.endpoint,
  );
  const when = (condition: string) => `sum(CASE WHEN ${condition} THEN n ELSE 0 END)`;
  const rows = db
    .prepare(
      `SELECT at - at % @bucket AS t, sum(n) AS total, ${when(FAILED)} AS failed,
         ${when(INVALID)} AS invalid_signature, ${when(UNPARSED)} AS unparsed,
         ${when(`${FAILED} OR ${INVALID} OR ${UNPARSED}`)} AS failures
       FROM (${source.sql}) GROUP BY t`,
    )
    .all({ ...source.params, bucket: query.bucketMs }) as Array<{ t: number } & FailureCounts>;

  const zero = (): FailureCounts => ({
    total: 0,
    failed: 0,
    invalid_signature: 0,
    unparsed: 0,
    failures: 0,
  });
  const byStart = new Map(
    bucketStarts(query.since, query.until, query.bucketMs).map((t) => [t, zero()]),
  );
  const totals = zero();
  for (const { t, ...counts } of rows) {
    const bucket = byStart.get(t);
    for (const key of Object.keys(totals) as Array<keyof FailureCounts>) {
      if (bucket) bucket[key] = counts[key];
      totals[key] += counts[key];
    }
  }
  return {
    since: new Date(query.since).toISOString(),
    until: new Date(query.until).toISOString(),
    bucket: query.bucket,
    buckets: [...byStart].map(([t, counts]) => ({ t: new Date(t).toISOString(), ...counts })),
    totals,
  };
}
