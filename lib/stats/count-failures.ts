import { failureCounts } from "../db/queries/stats";
import type { StatsSeriesQuery } from "./stats-query";
import type { FailureCounts, FailureStats } from "./stats-types";
import { bucketStarts, planSegments, spansFor } from "./time-buckets";

/** Deliveries and failures per bucket, for the failure rate over time. */
export async function countFailures(query: StatsSeriesQuery): Promise<FailureStats> {
  const rows = await failureCounts({
    segments: planSegments(query.since, query.until, spansFor(query.bucketMs)),
    endpoint: query.endpoint,
    bucketMs: query.bucketMs,
  });

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
