/**
 * Builds a large Hooklens database fast, for benchmarks: raw better-sqlite3 inserts of
 * realistic delivery rows (a skewed mix of resource types, actions and resources, ~8%
 * failed, some template text, validations, unparsed bodies and invalid signatures) in big
 * transactions, on a database migrated with the project's own migrations, so that every
 * table, index and trigger is the real one. Rows only, never through HTTP: a million
 * takes about a minute here instead of hours.
 *
 *   npx tsx scripts/seed-deliveries.ts --db /tmp/bench.db [--count 1000000]
 *     [--hours 24] [--endpoints 1] [--contents] [--bodies]
 *
 * Deliveries are spread evenly over the last --hours (ids grow with time, as they do at
 * ingest). --contents also writes a small delivery_contents row for each delivery;
 * --bodies writes realistic ~3 KB event bodies instead (scripts/seed-bodies.ts), stored
 * as the receiver stores them (zstd with the dictionary), and builds the payload search
 * index over them. The stats rollups are brought up to date at the end, as a running
 * server keeps them.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations } from "../lib/db/apply-migrations";
import { openDatabase } from "../lib/db/sqlite";
import { indexSearchStep } from "../lib/search/search-index-sqlite";
import { refreshRollupsSqlite } from "../lib/db/queries/stats-rollups";
import { createEncoder } from "../lib/storage/content-codec";
import { loadOrCreateDictionary } from "../lib/storage/content-dictionary";
import { createBodyMaker } from "./seed-bodies";
import { random, TYPE_WEIGHTS, weighted } from "./seed-mix";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    count: { type: "string", default: "1000000" },
    hours: { type: "string", default: "24" },
    endpoints: { type: "string", default: "1" },
    contents: { type: "boolean", default: false },
    bodies: { type: "boolean", default: false },
  },
});
if (!values.db) {
  console.error(
    "usage: npx tsx scripts/seed-deliveries.ts --db <file> [--count N] [--hours H] [--endpoints E] [--contents]",
  );
  process.exit(2);
}
const file = values.db;
const count = Number(values.count);
const spanMs = Number(values.hours) * 3_600_000;
const endpointCount = Math.max(1, Number(values.endpoints));

mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
applyMigrations(`file:${path.resolve(file)}`);
const db = openDatabase(file);
db.pragma("synchronous = OFF");

const now = Date.now();
const endpoints = Array.from({ length: endpointCount }, (_, i) => ({
  id: `ep_seed_${i}`,
  signed: i % 2 === 0,
}));
const insertEndpoint =
  db.prepare(`INSERT OR IGNORE INTO endpoints (id, name, token, secret_key, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?)`);
for (const [i, endpoint] of endpoints.entries()) {
  insertEndpoint.run(
    endpoint.id,
    `seed-${i}`,
    randomBytes(24).toString("base64url"),
    endpoint.signed ? "seed-secret" : null,
    now,
    now,
  );
}

const insertDelivery =
  db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, event_type,
  resource_type, action, result, resource_id, resource_name, message_key, message, signature, size,
  body_hash, duplicate_of) VALUES (@endpointId, @receivedAt, @kind, @eventType, @resourceType, @action,
  @result, @resourceId, @resourceName, @messageKey, @message, @signature, @size, @bodyHash, @duplicateOf)`);
const insertContent = db.prepare(
  `INSERT INTO delivery_contents (delivery_id, encoding, headers, body) VALUES (?, ?, ?, ?)`,
);
const makeBody = values.bodies ? createBodyMaker(random) : null;
const encoder = values.bodies ? createEncoder(loadOrCreateDictionary(db)) : null;
const HEADERS = Buffer.from(
  JSON.stringify([
    ["User-Agent", "yunioncloud-go/201708"],
    ["Content-Type", "application/json"],
  ]),
);

function makeRow(i: number) {
  const endpoint = endpoints[Math.floor(random() * endpoints.length)]!;
  const [type, , pool, actions] = weighted(TYPE_WEIGHTS);
  const action = weighted(actions as ReadonlyArray<readonly [string, number]>);
  // Cubing a uniform draw skews towards low indexes: a few hot resources, a long tail.
  const index = Math.floor(pool * random() ** 3);
  const result = random() < 0.08 ? "failed" : "succeed";
  const roll = random();
  const kind =
    roll < 0.01 ? "verification" : roll < 0.015 ? "unparsed" : roll < 0.035 ? "text" : "event";
  const isEvent = kind === "event";
  const hasEvent = kind !== "verification";
  return {
    endpointId: endpoint.id,
    receivedAt: now - spanMs + Math.floor(((i + random()) * spanMs) / count),
    kind,
    eventType: hasEvent
      ? `${type}/${action}${result === "failed" ? "/failed" : ""}`.toUpperCase()
      : null,
    resourceType: hasEvent ? type : null,
    action: hasEvent ? action : null,
    result: isEvent
      ? result
      : kind === "verification"
        ? null
        : result === "failed"
          ? "failed"
          : null,
    resourceId: isEvent ? `${type}-${index.toString(16).padStart(8, "0")}` : null,
    resourceName: isEvent ? `${type}-${index}` : null,
    messageKey: kind === "unparsed" ? null : "Msg",
    message:
      kind === "verification"
        ? "This is a verification message, please ignore."
        : kind === "text"
          ? `${type} ${action}`
          : null,
    signature: endpoint.signed ? (random() < 0.01 ? "invalid" : "valid") : "unsigned",
    size: 1500 + Math.floor(random() * 3000),
    bodyHash: createHash("sha256").update(String(i)).digest("hex"),
    duplicateOf: i > 10 && random() < 0.01 ? i - 10 : null,
  };
}

const BATCH = 50_000;
const writeBatch = db.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const row = makeRow(i);
    const body = makeBody && encoder && row.kind === "event" ? makeBody(row) : null;
    if (body) row.size = body.length;
    const id = insertDelivery.run(row).lastInsertRowid;
    if (body && encoder) insertContent.run(id, encoder.encoding, HEADERS, encoder.encode(body));
    else if (values.contents || values.bodies)
      insertContent.run(
        id,
        "identity",
        HEADERS,
        Buffer.from(JSON.stringify({ resource_type: row.resourceType, action: row.action })),
      );
  }
});
const started = performance.now();
for (let from = 0; from < count; from += BATCH) {
  writeBatch(from, Math.min(count, from + BATCH));
  process.stdout.write(`\r${Math.min(count, from + BATCH)} / ${count}`);
}
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
console.log(
  `\nseeded ${count} deliveries over ${values.hours} h into ${file} in ${seconds(started)} s`,
);
// A running server keeps the stats rollups current in the background; do it here too,
// so that a benchmark starts from that steady state.
const counting = performance.now();
refreshRollupsSqlite(db, { chunk: 50_000 });
console.log(`counted them into the stats rollups in ${seconds(counting)} s`);
if (values.bodies) {
  const indexing = performance.now();
  for (let done = 0; ;) {
    const step = indexSearchStep(db, 5_000);
    if (step === 0) break;
    done += step;
    process.stdout.write(`\rsearch index: ${done} / ${count}`);
  }
  const elapsed = (performance.now() - indexing) / 1000;
  console.log(
    `\nbuilt the search index in ${elapsed.toFixed(1)} s (${Math.round(count / elapsed)} deliveries/s)`,
  );
}
db.pragma("wal_checkpoint(TRUNCATE)");
db.exec("ANALYZE");
db.close();
