import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createEndpoint, sendDelivery } from "../support/api";
import { resourceEvent } from "../support/deliveries";
import { startForwardSink, type ForwardSink } from "../support/forward-sink";
import { createRule } from "../support/forwards";
import { freshDatabase } from "../support/start-postgres";
import { ROOT, startServer } from "../support/start-server";

/**
 * The sender carries on by itself after its database work was held up. SQLite-specific by
 * nature: another connection holding the write lock (SQLITE_BUSY) has no PostgreSQL
 * equivalent, so on PostgreSQL its counterpart holds the forwarding queue's watermark row
 * (FOR UPDATE, as another instance's queueing step would) while the deliveries arrive.
 */

let sink: ForwardSink;

beforeAll(async () => {
  sink = await startForwardSink();
});

afterAll(async () => {
  await sink?.close();
});

/** Another connection that takes the write lock for `holdMs` at a time with short gaps,
 *  and writes each time, as the payload index's worker does (lib/search). */
function contendForTheLock(databaseFile: string, forMs: number, holdMs = 40) {
  if (inject("engine") === "postgresql") return holdTheQueue(databaseFile, forMs);
  const script = `
    const db = new (require("better-sqlite3"))(${JSON.stringify(databaseFile)}, { timeout: 5000 });
    const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    const write = db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('lock_test', ?, 0)");
    for (let until = Date.now() + ${forMs}, n = 0; Date.now() < until; n++) {
      db.exec("BEGIN IMMEDIATE"); write.run(String(n)); sleep(${holdMs}); db.exec("COMMIT"); sleep(1);
    }`;
  const child = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: "inherit" });
  return new Promise<void>((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`locker: ${code}`)))),
  );
}

/** PostgreSQL: another session holds the queue's watermark row for `forMs`. */
async function holdTheQueue(url: string, forMs: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  await client.query("SELECT 1 FROM settings WHERE key = 'forward_queued_through' FOR UPDATE");
  return new Promise<void>((resolve, reject) => {
    setTimeout(() => {
      client
        .query("COMMIT")
        .then(() => client.end())
        .then(resolve, reject);
    }, forMs);
  });
}

/** A server of its own; `database` is its SQLite file or PostgreSQL URL. */
async function startLockServer(env: Record<string, string>) {
  if (inject("engine") === "sqlite") {
    const server = await startServer({ env });
    return { server, database: server.databaseFile };
  }
  const url = await freshDatabase(inject("postgresUrl"), "forwarding_lock");
  const server = await startServer({
    env: { ...env, DATABASE_URL: url, HOOKLENS_POSTGRES_UNFINISHED: "1" },
  });
  return { server, database: url };
}

// The index worker writes on its own connection: a claim that read before the worker
// committed failed with SQLITE_BUSY and stopped the sender until the next delivery.
it("sends every queued forward after another connection held the write lock", async () => {
  const { server, database } = await startLockServer({ HOOKLENS_RATE_LIMIT: "0" });
  try {
    const endpoint = await createEndpoint(server.baseUrl);
    await createRule(server.baseUrl, {
      url: sink.url("/locked"),
      filter: { endpoint: endpoint.id },
    });
    const contending = contendForTheLock(database, 4000);
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) {
      const event = resourceEvent({ id: `locked-${i % 4}`, details: { i } });
      const answer = await sendDelivery(endpoint.receiver_url, event);
      expect(answer.status).toBe(200);
      ids.push(answer.body.id as number);
    }
    await contending;
    // Nothing new arrives to wake the sender: it must carry on by itself.
    const arrived = () =>
      new Set(
        sink.requests
          .filter((request) => request.path === "/locked")
          .map((request) => Number(request.header("x-hooklens-delivery"))),
      );
    await sink.until(() => ids.every((id) => arrived().has(id)), 20_000);
    expect(server.output()).not.toContain("uncaughtException");
  } finally {
    await server.stop();
  }
});
