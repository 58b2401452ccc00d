import type Database from "better-sqlite3";
import { getDatabase } from "../db/sqlite";
import { countOf, countRecord } from "./count-record";
import { refreshRollups } from "./refresh-rollups";
import { deliveryCountSource } from "./rollup-source";
import { NO_VALUE, type GroupBy, type StatsSeriesQuery } from "./stats-query";
import type { DeliveryStats } from "./stats-types";
import { bucketStarts, planSegments, spansFor } from "./time-buckets";

const GROUP_COLUMN: Record<GroupBy, string> = {
  action: "action",
  resource_type: "resource_type",
  result: "result",
  kind: "kind",
  signature: "signature",
  endpoint: "endpoint_id",
};

/**
 * Deliveries per bucket split by one dimension, counted in SQL from the rollups (and
 * from the deliveries for the seconds at the range's edges), after counting whatever
 * arrived since the last refresh, so that the answer includes every stored delivery.
 */
export function countDeliveries(
  query: StatsSeriesQuery,
  db: Database.Database = getDatabase(),
): DeliveryStats {
  refreshRollups(db);
  const segments = planSegments(query.since, query.until, spansFor(query.bucketMs));
  const source = deliveryCountSource(segments, query.endpoint);
  const rows = db
    .prepare(
      `SELECT at - at % @bucket AS t, ${GROUP_COLUMN[query.group_by]} AS k, sum(n) AS n
       FROM (${source.sql}) GROUP BY t, k HAVING sum(n) > 0`,
    )
    .all({ ...source.params, bucket: query.bucketMs }) as Array<{
    t: number;
    k: string;
    n: number;
  }>;

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
