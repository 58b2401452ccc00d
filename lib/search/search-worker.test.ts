import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { openDatabase } from "../db/sqlite";
import { searchIndexStatus } from "./search-index-sqlite";
import { startSearchWorker } from "./search-worker";

const dir = mkdtempSync(path.join(tmpdir(), "hooklens-search-worker-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database file with the endpoint the deliveries below belong to. */
function databaseFile(): string {
  const file = path.join(dir, `hooklens-${++files}.db`);
  writeFileSync(file, migratedMemoryDatabase().serialize());
  const db = openDatabase(file);
  db.prepare(
    "INSERT INTO endpoints (id, name, token, updated_at) VALUES ('ep', 'ep', 't', 0)",
  ).run();
  db.close();
  return file;
}
let files = 0;

/** `count` deliveries in one transaction, each with a note of `noteChars` short
 *  punctuated words (near the 1 MiB limit: the most index terms a body can make, ~3.6M). */
function insertDeliveries(db: Database.Database, count: number, noteChars: number) {
  const insert = db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, resource_type,
    resource_id, message_key, signature, size, body_hash)
    VALUES ('ep', 0, 'event', 'server', ?, 'Msg', 'unsigned', 1, 'h')`);
  const content = db.prepare(`INSERT INTO delivery_contents (delivery_id, encoding, headers, body)
    VALUES (?, 'identity', '[]', ?)`);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      let note = "";
      for (let n = 0; note.length < noteChars; n++) note += `a-${(n * 31 + i) % 97}.`;
      const body = { resource_type: "server", resource_details: { id: `srv-${i}`, note } };
      content.run(insert.run(`srv-${i}`).lastInsertRowid, JSON.stringify(body));
    }
  })();
}

function indexed(file: string) {
  const db = openDatabase(file);
  try {
    return {
      through: searchIndexStatus(db).indexed_through,
      rows: db.prepare("SELECT count(*) FROM search_index").pluck().get(),
    };
  } finally {
    db.close();
  }
}

const workerFile = path.join(import.meta.dirname, "search-index-worker.ts");

it("indexes a catch-up of the largest deliveries in the worker, in batches its heap holds", async () => {
  const file = databaseFile();
  const db = openDatabase(file);
  insertDeliveries(db, 12, 900_000);
  db.close();
  const worker = startSearchWorker({ workerFile, databaseFile: file });
  try {
    let steps = 0;
    while (!(await worker.step({ maxRows: 2000, mergePages: 0 })).caughtUp) steps++;
    // Reads stop at MAX_BATCH_CHARS of terms (~1.2 of these deliveries): several steps.
    expect(steps).toBeGreaterThan(5);
  } finally {
    worker.stop();
  }
  expect(indexed(file)).toEqual({ through: 12, rows: 12 });
}, 120_000);

it("writes the index on its own connection while another commits deliveries", async () => {
  // The receiver commits on the main thread's connection as the worker writes on its own:
  // each takes the write lock in turn, and every delivery is indexed once.
  const file = databaseFile();
  const db = openDatabase(file);
  const worker = startSearchWorker({ workerFile, databaseFile: file });
  try {
    let receiving = true;
    const receive = (async () => {
      for (let round = 0; round < 40; round++) {
        insertDeliveries(db, 25, 200);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      receiving = false;
    })();
    let writes = 0;
    for (;;) {
      const last = !receiving;
      const done = await worker.step({ maxRows: 60, mergePages: 16 });
      if (done.written > 0) writes++;
      if (done.caughtUp && last) break;
    }
    await receive;
    expect(writes).toBeGreaterThan(1);
  } finally {
    worker.stop();
    db.close();
  }
  expect(indexed(file)).toEqual({ through: 1000, rows: 1000 });
}, 60_000);
