import { describe, expect, it } from "vitest";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { createEncoder, decodeBytes } from "./content-codec";
import { dictionaryLoader, loadOrCreateDictionary } from "./content-dictionary";
import { learnContentDictionary } from "./learn-dictionary";

/** Contents like a real platform's (headers the seed dictionary never saw), seed-encoded. */
function storeDeliveries(db: ReturnType<typeof migratedMemoryDatabase>, count: number) {
  const encoder = createEncoder(loadOrCreateDictionary(db));
  db.prepare(
    "INSERT OR IGNORE INTO endpoints (id, name, token, updated_at) VALUES ('ep', 'ep', 't', 0)",
  ).run();
  const delivery = db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, signature,
    size, body_hash) VALUES ('ep', 0, 'event', 'unsigned', 0, 'h')`);
  const content = db.prepare(
    "INSERT INTO delivery_contents (delivery_id, encoding, headers, body) VALUES (?, ?, ?, ?)",
  );
  const texts = [];
  for (let i = 0; i < count; i++) {
    const headers = JSON.stringify([
      ["Host", "hooklens.example.internal:8443"],
      ["X-Forwarded-For", `10.20.${i % 7}.${i % 250}`],
      ["X-Yunion-Event", "HOST/PING"],
    ]);
    const body = JSON.stringify({
      action: "ping",
      resource_type: "host",
      resource_details: { name: `rack-${i % 40}-node`, zone: "zone-pudong-b", seq: i },
    });
    const { lastInsertRowid } = delivery.run();
    content.run(
      lastInsertRowid,
      encoder.encoding,
      encoder.encode(Buffer.from(headers)),
      encoder.encode(Buffer.from(body)),
    );
    texts.push({ id: Number(lastInsertRowid), headers, body });
  }
  return texts;
}

describe("learnContentDictionary", () => {
  it("learns nothing before enough deliveries are stored, then once", () => {
    const db = migratedMemoryDatabase();
    storeDeliveries(db, 99);
    expect(learnContentDictionary(db, { after: 100 })).toBeNull();
    storeDeliveries(db, 1);
    const learned = learnContentDictionary(db, { after: 100 });
    expect(learned?.id).toBe(loadOrCreateDictionary(db).id);
    expect(learned!.data.length).toBeGreaterThan(0);
    expect(learned!.data.length).toBeLessThanOrEqual(96 * 1024);
    expect(learnContentDictionary(db, { after: 100 })).toBeNull();
    expect(learnContentDictionary(migratedMemoryDatabase(), { after: 0 })).toBeNull();
  });

  it("compresses the installation's own contents smaller, and every stored content stays readable", () => {
    const db = migratedMemoryDatabase();
    const before = storeDeliveries(db, 300);
    const seed = loadOrCreateDictionary(db);
    const learned = learnContentDictionary(db, { after: 300 })!;
    const sample = Buffer.from(before[7]!.headers + before[7]!.body);
    const withSeed = createEncoder(seed).encode(sample).length;
    const withLearned = createEncoder(learned).encode(sample).length;
    expect(withLearned).toBeLessThan(withSeed * 0.8);
    const after = storeDeliveries(db, 5);
    const load = dictionaryLoader(db);
    const rows = db
      .prepare(
        "SELECT delivery_id AS id, encoding, headers, body FROM delivery_contents ORDER BY 1",
      )
      .all() as Array<{ id: number; encoding: string; headers: Buffer; body: Buffer }>;
    expect(new Set(rows.map((row) => row.encoding))).toEqual(
      new Set([`zstd:${seed.id}`, `zstd:${learned.id}`]),
    );
    for (const [i, text] of [...before, ...after].entries()) {
      const row = rows[i]!;
      expect(row.id).toBe(text.id);
      expect(decodeBytes(row.encoding, row.headers, load).toString()).toBe(text.headers);
      expect(decodeBytes(row.encoding, row.body, load).toString()).toBe(text.body);
    }
  });
});
