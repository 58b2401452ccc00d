/**
 * The timeline bench's databases (timeline.ts): one server's deliveries through the
 * receiver's own write path, their steps kept, the rest of a server's steady state built.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "../../lib/db/apply-migrations";
import { openDatabase } from "../../lib/db/sqlite";
import { ensureDefaultEndpointSqlite as ensureDefaultEndpoint } from "../../lib/db/queries/default-endpoint";
import { newEndpointId, newReceiverToken } from "../../lib/endpoints/new-token";
import { sqliteReceivingStore } from "../../lib/db/queries/receiving";
import { createIngestContext } from "../../lib/ingest/ingest-context";
import { receiveDelivery } from "../../lib/ingest/receive-delivery";
import { sweepEndpointTimelines } from "../../lib/resources/keep-endpoint-timelines";
import { keepTimelineBatch } from "../../lib/resources/keep-timeline-steps";
import { buildSearchIndex } from "../../lib/search/build-search-index";
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { refreshRollupsSqlite } from "../../lib/db/queries/stats-rollups";

type Json = Record<string, unknown>;
const BATCH = 512;

/** A server update from the load mix, as a template whose details change per delivery. */
function serverTemplate() {
  for (const delivery of generateLoadDeliveries({ seed: 19, count: 200, poolSize: 1 })) {
    const body = JSON.parse(delivery.body) as Json;
    if (body["resource_type"] !== "server" || typeof body["resource_details"] !== "object")
      continue;
    const headers = delivery.headers.filter(([name]) => name.toLowerCase() !== "x-auth-token");
    return { headers, body };
  }
  throw new Error("the load mix has no server update");
}

type Change = { action: string; details: Json };

/** The event with its details changed, in the body and in its message text (`Msg`). */
function changed(event: Json, change: Change): Json {
  const next: Json = {
    ...event,
    action: change.action,
    resource_details: { ...(event["resource_details"] as Json), ...change.details },
  };
  for (const [key, value] of Object.entries(event)) {
    if (typeof value === "string" && value.startsWith("{"))
      next[key] = JSON.stringify(changed(JSON.parse(value) as Json, change));
  }
  return next;
}

/** The `i`th delivery's bytes: a minute after the last, or (one in fifty) an hour back. */
function makeBody(template: ReturnType<typeof serverTemplate>, i: number, startAt: number) {
  const late = i % 50 === 49;
  const at = new Date(startAt + (late ? i - 60 : i) * 60_000).toISOString().replace("Z", "000Z");
  const details = {
    vmem_size: 1024 * (1 + (i % 8)),
    status: i % 3 === 0 ? "running" : "ready",
    updated_at: at,
  };
  return changed(template.body, { action: i === 0 ? "create" : "update", details });
}

export async function seedTimeline(file: string, count: number) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  applyMigrations(`file:${path.resolve(file)}`);
  const db = openDatabase(file);
  const { token } = ensureDefaultEndpoint(db);
  const second = newReceiverToken();
  db.prepare(
    "INSERT INTO endpoints (id, name, token, created_at, updated_at) VALUES (?, 'second', ?, 0, 0)",
  ).run(newEndpointId(), second);
  const context = { ...createIngestContext(sqliteReceivingStore(db)), rateLimiter: null };
  const template = serverTemplate();
  const startAt = Date.now() - count * 60_000;
  const started = performance.now();
  let previous: Buffer | null = null;
  for (let done = 0; done < count;) {
    const size = Math.min(BATCH, count - done);
    const answers = Array.from({ length: size }, (_, k) => {
      const i = done + k;
      // One in a hundred is a re-send of the delivery before: the same bytes.
      const body: Buffer =
        i % 100 === 99 && previous
          ? previous
          : Buffer.from(JSON.stringify(makeBody(template, i, startAt)));
      previous = body;
      const to = i % 10 === 5 ? second : token;
      return receiveDelivery({ context, token: to, headers: template.headers, body });
    });
    for (const answer of await Promise.all(answers))
      if (answer.status !== 200) throw new Error(`receiver answered ${answer.status}`);
    done += size;
  }
  const seedSeconds = (performance.now() - started) / 1000;
  // Another server, one delivery: opened first, so that the first open measured is the
  // resource's (nothing of it cached), not the server's first request to the route.
  const other = changed(makeBody(template, 0, startAt), {
    action: "create",
    details: { id: "warm-up-server" },
  });
  await receiveDelivery({
    context,
    token,
    headers: template.headers,
    body: Buffer.from(JSON.stringify(other)),
  });
  const keepStarted = performance.now();
  while (keepTimelineBatch(db, 2000).more);
  while (sweepEndpointTimelines(db, 2000));
  const keepSeconds = (performance.now() - keepStarted) / 1000;
  // The rest of a running server's steady state, so that its background work at start
  // (the payload index, the stats rollups) is not measured with the timeline.
  buildSearchIndex(db);
  refreshRollupsSqlite(db, { chunk: 50_000 });
  const resource = db
    .prepare(
      "SELECT resource_type AS type, resource_id AS id FROM resources WHERE resource_id <> 'warm-up-server'",
    )
    .get() as { type: string; id: string };
  const ids = db
    .prepare(
      `SELECT min(delivery_id) AS first, max(delivery_id) AS last FROM timeline_steps
       JOIN timeline_heads ON key = head WHERE resource_id = ?`,
    )
    .get(resource.id) as { first: number; last: number };
  const endpoint = db.prepare("SELECT id FROM endpoints WHERE token = ?").pluck().get(token);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { resource, ids, endpoint: endpoint as string, seedSeconds, keepSeconds };
}
