import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { openDatabase } from "../db/sqlite";
import { MAX_BATCH_CHARS } from "./search-index-sqlite";
import { startSearchReader } from "./search-reader";

const dir = mkdtempSync(path.join(tmpdir(), "hooklens-search-reader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database file of `count` deliveries whose bodies are near the 1 MiB limit, of short
 *  punctuated words: the most index terms a body can make (~3.6M). */
function largeDeliveries(count: number): string {
  const file = path.join(dir, "hooklens.db");
  writeFileSync(file, migratedMemoryDatabase().serialize());
  const db = openDatabase(file);
  db.prepare(
    "INSERT INTO endpoints (id, name, token, updated_at) VALUES ('ep', 'ep', 't', 0)",
  ).run();
  const insert = db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, resource_type,
    resource_id, message_key, signature, size, body_hash)
    VALUES ('ep', 0, 'event', 'server', ?, 'Msg', 'unsigned', 1, 'h')`);
  const content = db.prepare(`INSERT INTO delivery_contents (delivery_id, encoding, headers, body)
    VALUES (?, 'identity', '[]', ?)`);
  for (let i = 0; i < count; i++) {
    let note = "";
    for (let n = 0; note.length < 900_000; n++) note += `a-${(n * 31 + i) % 97}.`;
    const body = { resource_type: "server", resource_details: { id: `big-${i}`, note } };
    content.run(insert.run(`big-${i}`).lastInsertRowid, JSON.stringify(body));
  }
  db.close();
  return file;
}

it("reads a catch-up of the largest deliveries in the worker, in batches its heap holds", async () => {
  const reader = startSearchReader({
    workerFile: path.join(import.meta.dirname, "search-index-worker.ts"),
    databaseFile: largeDeliveries(12),
  });
  try {
    const ids: number[] = [];
    for (let after = 0; ;) {
      const batch = await reader.read(after, 2000);
      if (!batch) break;
      const chars = batch.rows.reduce((sum, row) => sum + row.terms.length, 0);
      expect(chars).toBeLessThan(MAX_BATCH_CHARS + 4_000_000);
      ids.push(...batch.rows.map((row) => row.id));
      after = batch.through;
    }
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  } finally {
    reader.stop();
  }
}, 120_000);
