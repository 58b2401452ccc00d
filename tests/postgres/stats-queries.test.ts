import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "../../lib/db/prisma";
import { openReceivingStore } from "../../lib/db/queries/receiving";
import { refreshRollups } from "../../lib/db/queries/stats-rollups";
import type { DeliveryRecord } from "../../lib/ingest/delivery-record";
import { countDeliveries } from "../../lib/stats/count-deliveries";
import { countFailures } from "../../lib/stats/count-failures";
import { latestFailures } from "../../lib/stats/latest-failures";
import {
  latestFailuresSchema,
  statsSeriesSchema,
  topResourcesSchema,
} from "../../lib/stats/stats-query";
import { topResources } from "../../lib/stats/top-resources";
import { ENGINES, openFreshDatabase } from "../support/both-engines";
import { HOUR, iso, MINUTE, mix, T0 } from "../support/stats-mix";

/**
 * The stats (lib/db/queries/stats.ts, stats-rollups.ts) on both engines against the same
 * expectations, computed here from the deliveries the receiver's store wrote: counts by
 * every grouping and bucket, failures, top resources, latest failures, with rollups
 * partly refreshed and deliveries deleted. PostgreSQL's rollups under concurrent writers
 * are tests/postgres/stats-rollups-order.test.ts.
 */
const FIELD = {
  action: "action",
  resource_type: "resourceType",
  result: "result",
  kind: "kind",
  signature: "signature",
  endpoint: "endpointId",
} as const;

/** The answer countDeliveries must give, from the records themselves. */
function expectedCounts(
  records: DeliveryRecord[],
  query: { since: number; until: number; bucketMs: number; groupBy: keyof typeof FIELD },
  endpoint?: string,
) {
  const buckets: Record<string, Record<string, number>> = {};
  const totals: Record<string, number> = {};
  for (const record of records) {
    if (record.receivedAt < query.since || record.receivedAt >= query.until) continue;
    if (endpoint && record.endpointId !== endpoint) continue;
    const t = iso(record.receivedAt - (record.receivedAt % query.bucketMs));
    const key = record[FIELD[query.groupBy]] ?? "(none)";
    (buckets[t] ??= {})[key] = (buckets[t][key] ?? 0) + 1;
    totals[key] = (totals[key] ?? 0) + 1;
  }
  return { buckets, totals };
}

const nonEmpty = (answer: Awaited<ReturnType<typeof countDeliveries>>) =>
  Object.fromEntries(
    answer.buckets.filter((b) => Object.keys(b.counts).length).map((b) => [b.t, { ...b.counts }]),
  );

/** Every kind of range: whole hours with minutes and seconds around them, within a minute. */
const RANGES: Array<[number, number, "minute" | "hour" | "day"]> = [
  [T0 - 1, T0 + 3 * HOUR + 1, "hour"],
  [T0 + 77_777, T0 + 2 * HOUR + 12_345, "minute"],
  [T0 + 90_000, T0 + 100_500, "minute"],
  [T0 - HOUR, T0 + 5 * HOUR, "day"],
];

async function expectStatsToMatch(records: DeliveryRecord[]) {
  for (const [since, until, bucket] of RANGES) {
    for (const groupBy of Object.keys(FIELD) as Array<keyof typeof FIELD>) {
      for (const endpoint of [undefined, "ep2"]) {
        const query = statsSeriesSchema.parse({
          since: iso(since),
          until: iso(until),
          bucket,
          group_by: groupBy,
          ...(endpoint ? { endpoint } : {}),
        });
        const answer = await countDeliveries(query);
        const expected = expectedCounts(
          records,
          { since, until, bucketMs: query.bucketMs, groupBy },
          endpoint,
        );
        const label = `${groupBy} by ${bucket} ${iso(since)} ${endpoint ?? ""}`;
        expect(nonEmpty(answer), label).toEqual(expected.buckets);
        expect({ ...answer.totals }, label).toEqual(expected.totals);
      }
    }
    const failures = await countFailures(
      statsSeriesSchema.parse({ since: iso(since), until: iso(until), bucket }),
    );
    const inRange = records.filter((r) => r.receivedAt >= since && r.receivedAt < until);
    expect(failures.totals).toEqual({
      total: inRange.length,
      failed: inRange.filter((r) => r.result === "failed").length,
      invalid_signature: inRange.filter((r) => r.signature === "invalid").length,
      unparsed: inRange.filter((r) => r.kind === "unparsed").length,
      failures: inRange.filter(
        (r) => r.result === "failed" || r.signature === "invalid" || r.kind === "unparsed",
      ).length,
    });
    const ranked = new Map<string, { deliveries: number; failures: number }>();
    for (const r of inRange) {
      if (!r.resourceType || !r.resourceId) continue;
      const key = `${r.resourceType}/${r.resourceId}`;
      const entry = ranked.get(key) ?? { deliveries: 0, failures: 0 };
      entry.deliveries += 1;
      entry.failures += r.result === "failed" ? 1 : 0;
      ranked.set(key, entry);
    }
    const bytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const top = (by: "deliveries" | "failures", limit: number) =>
      topResources(
        topResourcesSchema.parse({
          since: iso(since),
          until: iso(until),
          by,
          limit: String(limit),
        }),
      ).then((body) => body.data);
    const expected = [...ranked]
      .sort(([ka, a], [kb, b]) => b.deliveries - a.deliveries || bytes(ka, kb))
      .slice(0, 5)
      .map(([key, entry]) => `${key} ${entry.deliveries} ${entry.failures}`);
    expect(
      (await top("deliveries", 5)).map(
        (r) => `${r.resource_type}/${r.resource_id} ${r.deliveries} ${r.failures}`,
      ),
      `top by deliveries ${iso(since)}`,
    ).toEqual(expected);
    // By failures, only failed rows are read (lib/db/queries/stats.ts), so its deliveries
    // column is not the whole count: the ranking and the failures are what it answers.
    const byFailures = await top("failures", 100);
    expect(
      Object.fromEntries(
        byFailures.map((r) => [`${r.resource_type}/${r.resource_id}`, r.failures]),
      ),
    ).toEqual(
      Object.fromEntries(
        [...ranked].filter(([, e]) => e.failures > 0).map(([key, e]) => [key, e.failures]),
      ),
    );
    const counts = byFailures.map((r) => r.failures);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  }
}

describe.each(ENGINES)("stats on %s", (engine) => {
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ close } = await openFreshDatabase(engine, "stats"));
    await getPrisma().endpoint.create({ data: { id: "ep", name: "e", token: "tok" } });
    await getPrisma().endpoint.create({ data: { id: "ep2", name: "f", token: "tok2" } });
  });
  afterEach(() => close());

  it("counts every stored delivery once, rolled up or not yet, and after deletions", async () => {
    const { writer } = openReceivingStore(0);
    const records = mix(300, 0);
    const stored = await Promise.all(records.map((record) => writer.write(record)));
    // Part rolled up: SQLite's reads count the rest in first, PostgreSQL's read it raw.
    expect((await refreshRollups({ chunk: 64, maxChunks: 2 })).covered).toBe(128);
    await expectStatsToMatch(records);
    const more = mix(120, 300);
    await Promise.all(more.map((record) => writer.write(record)));
    await expectStatsToMatch([...records, ...more]);
    while ((await refreshRollups()).covered > 0);
    await expectStatsToMatch([...records, ...more]);

    // Counted and not-yet-counted deliveries go; then a whole endpoint with its deliveries.
    const gone = new Set(stored.filter((_, i) => i % 3 === 0).map((row) => row.id));
    await getPrisma().delivery.deleteMany({ where: { id: { in: [...gone] } } });
    const kept = records.filter((_, i) => i % 3 !== 0);
    await expectStatsToMatch([...kept, ...more]);
    await getPrisma().endpoint.delete({ where: { id: "ep2" } });
    await expectStatsToMatch([...kept, ...more].filter((r) => r.endpointId !== "ep2"));
  });

  it("lists the latest failures newest first, by endpoint", async () => {
    const { writer } = openReceivingStore(0);
    const records = mix(80, 1000);
    const stored = await Promise.all(records.map((record) => writer.write(record)));
    const since = T0 + 10 * MINUTE;
    const until = T0 + 2 * HOUR;
    const answer = await latestFailures(
      latestFailuresSchema.parse({
        since: iso(since),
        until: iso(until),
        endpoint: "ep",
        limit: "7",
      }),
    );
    const expected = records
      .map((record, i) => ({ record, id: stored[i]!.id }))
      .filter(
        ({ record: r }) =>
          r.endpointId === "ep" &&
          r.receivedAt >= since &&
          r.receivedAt < until &&
          (r.result === "failed" || r.signature === "invalid" || r.kind === "unparsed"),
      )
      .sort((a, b) => b.record.receivedAt - a.record.receivedAt || b.id - a.id)
      .slice(0, 7);
    expect(answer.data.map((item) => [item.id, item.received_at])).toEqual(
      expected.map(({ id, record }) => [id, iso(record.receivedAt)]),
    );
  });
});
