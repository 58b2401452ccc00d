/**
 * Stats timings on a database of a million deliveries, in process (no HTTP): 24 h of
 * stats (target < 300 ms) and the overview's other queries, next to the baseline of the
 * same 24 h counted by a plain GROUP BY over the deliveries in the same run.
 *
 *   npx tsx scripts/bench-stats.ts [--db /tmp/hooklens-stats-bench.db] [--runs 20]
 *
 * Without the file, it is seeded first (scripts/seed-deliveries.ts: 1,000,000 deliveries,
 * all within the last 24 h, the worst case for a 24 h window). Times are measured from
 * the newest delivery, so an older file still puts its whole day in the window.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openConnection, replaceConnection } from "../lib/db/connection";
import { refreshRollupsSqlite } from "../lib/db/queries/stats-rollups";
import { openDatabase } from "../lib/db/sqlite";
import { countDeliveries } from "../lib/stats/count-deliveries";
import { countFailures } from "../lib/stats/count-failures";
import { latestFailures } from "../lib/stats/latest-failures";
import {
  statsSeriesSchema,
  topResourcesSchema,
  latestFailuresSchema,
} from "../lib/stats/stats-query";
import { topResources } from "../lib/stats/top-resources";

const TARGET_MS = 300;
const { values } = parseArgs({
  options: {
    db: { type: "string", default: "/tmp/hooklens-stats-bench.db" },
    runs: { type: "string", default: "20" },
  },
});
const file = path.resolve(values.db);
const runs = Number(values.runs);
if (!existsSync(file)) {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/seed-deliveries.ts", "--db", file], {
    cwd: path.resolve(import.meta.dirname, ".."),
    stdio: "inherit",
  });
}
const db = openDatabase(file);
// The stats functions read the process's connection (lib/db/connection.ts): this file.
replaceConnection(openConnection(`file:${file}`, db));
const total = db.prepare("SELECT count(*) FROM deliveries").pluck().get() as number;
const newest = db.prepare("SELECT max(received_at) FROM deliveries").pluck().get() as number;
const until = newest + 1;
const iso = (ms: number) => new Date(ms).toISOString();
const day = { since: iso(until - 86_400_000), until: iso(until) };

async function measure(run: () => unknown, times = runs) {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) =>
    samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

const series = (extra: Record<string, string>) => statsSeriesSchema.parse({ ...day, ...extra });
const inDay = db
  .prepare("SELECT count(*) FROM deliveries WHERE received_at >= ? AND received_at < ?")
  .pluck();
console.log(
  `${total} deliveries, ${String(inDay.get(until - 86_400_000, until))} in the 24 h window; median and p95 of ${runs} runs`,
);

const rows: Array<[string, () => unknown, number?]> = [
  [
    "24 h by hour, group_by=action",
    () => countDeliveries(series({ bucket: "hour", group_by: "action" })),
  ],
  [
    "24 h by hour, group_by=resource_type",
    () => countDeliveries(series({ bucket: "hour", group_by: "resource_type" })),
  ],
  [
    "24 h by hour, group_by=result",
    () => countDeliveries(series({ bucket: "hour", group_by: "result" })),
  ],
  ["24 h failures by hour", () => countFailures(series({ bucket: "hour" }))],
  [
    "24 h by minute, group_by=kind",
    () => countDeliveries(series({ bucket: "minute", group_by: "kind" })),
  ],
  [
    "1 h by minute, group_by=action",
    () =>
      countDeliveries(
        statsSeriesSchema.parse({
          since: iso(until - 3_600_000),
          until: iso(until),
          group_by: "action",
        }),
      ),
  ],
  [
    "7 d by day, group_by=action",
    () =>
      countDeliveries(
        statsSeriesSchema.parse({
          since: iso(until - 7 * 86_400_000),
          until: iso(until),
          group_by: "action",
        }),
      ),
  ],
  [
    "24 h top resources by deliveries",
    () => topResources(topResourcesSchema.parse({ ...day, by: "deliveries" })),
  ],
  [
    "24 h top resources by failures",
    () => topResources(topResourcesSchema.parse({ ...day, by: "failures" })),
  ],
  [
    "7 d top resources by deliveries",
    () =>
      topResources(
        topResourcesSchema.parse({ since: iso(until - 7 * 86_400_000), until: iso(until) }),
      ),
  ],
  ["24 h latest failures", () => latestFailures(latestFailuresSchema.parse(day))],
  [
    "baseline: 24 h by hour and action, GROUP BY over deliveries",
    () =>
      db
        .prepare(
          `SELECT received_at - received_at % 3600000 AS t, action, count(*) FROM deliveries
      WHERE received_at >= ? AND received_at < ? GROUP BY t, action`,
        )
        .all(until - 86_400_000, until),
    Math.min(runs, 3),
  ],
];
const pad = (text: string, width: number) => text.padEnd(width);
const ms = (value: number) => `${value.toFixed(1).padStart(8)} ms`;
let headline = Number.NaN;
for (const [name, run, times] of rows) {
  const { p50, p95 } = await measure(run, times);
  if (Number.isNaN(headline)) headline = p95;
  console.log(`${pad(name, 62)} p50 ${ms(p50)}  p95 ${ms(p95)}`);
}

// Live: what counting a burst costs next to storing it, and the stats request after it.
// Inserted and measured inside a transaction that is rolled back: the file stays as it was.
const BURST = 5_000;
const insert =
  db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, resource_type, action, result,
  resource_id, signature, size, body_hash) VALUES (@endpoint_id, @at, @kind, @resource_type, @action, @result,
  @resource_id, @signature, @size, @body_hash)`);
const sample = db
  .prepare(
    `SELECT endpoint_id, kind, resource_type, action, result, resource_id, signature, size,
  body_hash FROM deliveries ORDER BY id DESC LIMIT ${BURST}`,
  )
  .all() as Array<Record<string, unknown>>;
const burst = { insertMs: Number.NaN, countMs: Number.NaN, queryMs: Number.NaN };
const time = (run: () => unknown) => {
  const started = performance.now();
  run();
  return performance.now() - started;
};
try {
  db.transaction(() => {
    burst.insertMs = time(() => sample.forEach((row) => insert.run({ ...row, at: newest })));
    burst.countMs = time(() => refreshRollupsSqlite(db));
    db.prepare(
      "DELETE FROM deliveries WHERE id > (SELECT last_delivery_id FROM stats_rollup_state)",
    ).run();
    sample.forEach((row) => insert.run({ ...row, at: newest }));
    // On SQLite its SQL (the refresh and the counts) runs within the call, synchronously.
    burst.queryMs = time(() => countDeliveries(series({ bucket: "hour", group_by: "action" })));
    throw new Error("roll back");
  })();
} catch {
  // rolled back on purpose
}
const perDelivery = (value: number) => `${((value * 1000) / BURST).toFixed(1)} µs/delivery`;
console.log(
  `\n${BURST} new deliveries: inserting them (rows only) ${burst.insertMs.toFixed(1)} ms (${perDelivery(burst.insertMs)}),`,
);
console.log(
  `  counting them into the rollups ${burst.countMs.toFixed(1)} ms (${perDelivery(burst.countMs)}), off the ingest path;`,
);
console.log(
  `  the first 24 h stats request after them, counting them itself: ${burst.queryMs.toFixed(1)} ms`,
);
console.log(`\n24 h of stats: p95 ${headline.toFixed(1)} ms, target < ${TARGET_MS} ms`);
if (!(headline < TARGET_MS)) process.exitCode = 1;
db.close();
