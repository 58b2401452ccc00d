/**
 * Feed query timings on a database of N deliveries (default 1,000,000): the list's first
 * page for common filters, facets and export throughput, each with its query plan.
 * Usage: npx tsx scripts/bench-feed.ts [--rows 1000000] [--db /tmp/feed-bench.db] [--no-analyze]
 * (--no-analyze leaves SQLite without statistics, as a server's database is).
 * The database is built once (summary columns only: list queries never read contents)
 * and reused by later runs with the same --db.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
const rows = Number(arg("rows", "1000000"));
const file = path.resolve(arg("db", "/tmp/hooklens-feed-bench.db"));

function migrate(db: Database.Database) {
  const dir = path.resolve(import.meta.dirname, "../prisma/migrations");
  for (const name of readdirSync(dir)
    .filter((entry) => /^\d/.test(entry))
    .sort()) {
    db.exec(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  }
}

function seed(db: Database.Database) {
  const types = [
    "server",
    "host",
    "disk",
    "eip",
    "network",
    "snapshot",
    "image",
    "vpc",
    "user",
    "dbinstance",
  ];
  const actions = [
    "create",
    "update",
    "delete",
    "start",
    "stop",
    "sync_status",
    "status_changed",
    "change_config",
  ];
  db.prepare("INSERT INTO endpoints (id, name, token, updated_at) VALUES (?, ?, ?, 0)").run(
    "ep-default",
    "default",
    "t1",
  );
  db.prepare("INSERT INTO endpoints (id, name, token, updated_at) VALUES (?, ?, ?, 0)").run(
    "ep-other",
    "other",
    "t2",
  );
  const insert =
    db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, event_type, resource_type, action,
    result, resource_id, resource_name, message_key, message, signature, size, body_hash, duplicate_of)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Msg', ?, 'unsigned', 3000, ?, ?)`);
  let state = 42;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  // Skewed like real platforms: a few types and actions make up most traffic.
  const pick = <T>(list: T[]) => list[Math.floor(random() ** 2 * list.length)] as T;
  const start = Date.now() - rows * 2000;
  const fill = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const endpoint = random() < 0.9 ? "ep-default" : "ep-other";
      const at = start + i * 2000;
      if (random() < 0.02) {
        insert.run(
          endpoint,
          at,
          "text",
          null,
          null,
          null,
          null,
          null,
          null,
          `alert ${i} cpu high`,
          `h${i}`,
          null,
        );
        continue;
      }
      const type = pick(types);
      const action = pick(actions);
      const result = random() < 0.03 ? "failed" : "succeed";
      const n = Math.floor(random() * 20000);
      const eventType = `${type}/${action}${result === "failed" ? "/failed" : ""}`.toUpperCase();
      const duplicate = random() < 0.01 && i > 0 ? i : null;
      insert.run(
        endpoint,
        at,
        "event",
        eventType,
        type,
        action,
        result,
        `${type}-${n}`,
        `${type}-name-${n}`,
        null,
        `h${i}`,
        duplicate,
      );
    }
  });
  for (let from = 0; from < rows; from += 50_000) fill(from, Math.min(rows, from + 50_000));
  if (!process.argv.includes("--no-analyze")) db.exec("ANALYZE");
}

const fresh = !existsSync(file);
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("cache_size = -65536");
if (fresh) {
  const began = performance.now();
  migrate(db);
  seed(db);
  console.log(
    `seeded ${rows} deliveries in ${((performance.now() - began) / 1000).toFixed(1)} s → ${file}`,
  );
}
process.env.DATABASE_URL = `file:${file}`;

const { findDeliveries } = await import("../lib/events/find-deliveries");
const { countFacets } = await import("../lib/events/count-facets");
const { deliveryListSchema, deliveryFilterSchema } = await import("../lib/events/delivery-filter");
const { exportDeliveries } = await import("../lib/events/export-deliveries");

function time(label: string, run: () => unknown, times = 20) {
  run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const began = performance.now();
    run();
    samples.push(performance.now() - began);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1);
  console.log(`${label.padEnd(58)} p50 ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms`);
}

const lists: Array<[string, Record<string, string>]> = [
  ["feed, no filter", {}],
  ["feed, resource_type=server&action=create", { resource_type: "server", action: "create" }],
  ["feed, resource_type=server (common type)", { resource_type: "server" }],
  ["feed, resource_type=dbinstance (rare type)", { resource_type: "dbinstance" }],
  ["feed, endpoint=ep-default (90% of rows)", { endpoint: "ep-default" }],
  ["feed, action=change_config (rare action)", { action: "change_config" }],
  ["feed, result=failed", { result: "failed" }],
  ["feed, kind=text", { kind: "text" }],
  ["feed, endpoint=ep-other&resource_type=host", { endpoint: "ep-other", resource_type: "host" }],
  [
    "feed, resource_type=server&resource_id=server-7",
    { resource_type: "server", resource_id: "server-7" },
  ],
  ["feed, duplicate=true", { duplicate: "true" }],
  ["feed, q=name-1234 (text search)", { q: "name-1234" }],
  ["feed, q=no-such-text (search without a match: full scan)", { q: "no-such-text" }],
];
console.log(`\n${rows.toLocaleString("en")} deliveries`);
for (const [label, params] of lists) {
  const query = deliveryListSchema.parse(params);
  time(label, () => findDeliveries(query));
}
const facetCases: Array<[string, Record<string, string>]> = [
  ["facets, no filter", {}],
  ["facets, resource_type=server", { resource_type: "server" }],
  ["facets, last 24 h", { since: new Date(Date.now() - 86_400_000).toISOString() }],
  ["facets, endpoint=ep-other", { endpoint: "ep-other" }],
];
for (const [label, params] of facetCases)
  time(label, () => countFacets(deliveryFilterSchema.parse(params)), 5);

const began = performance.now();
let bytes = 0;
const reader = exportDeliveries({
  filter: deliveryFilterSchema.parse({}),
  format: "ndjson",
}).getReader();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
}
const seconds = (performance.now() - began) / 1000;
console.log(
  `export ndjson, no filter: ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString("en")} rows/s), heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
);
