import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { openDatabase } from "../db/sqlite";
import { deliveryRecordFixture } from "./delivery-record-fixture";
import { subscribeDeliveries } from "../live/delivery-bus";
import { DeliveryWriter, DUPLICATE_WINDOW_MS, RECENT_BODIES_SQL } from "./delivery-writer";

function setup() {
  const db = migratedMemoryDatabase();
  db.prepare(
    "INSERT INTO endpoints (id, name, token, created_at, updated_at) VALUES ('ep', 'e', 't', 0, 0)",
  ).run();
  return { db, writer: new DeliveryWriter(db) };
}

const record = deliveryRecordFixture;

describe("DeliveryWriter", () => {
  it("points a re-send within the retry window at the first, and nothing else", async () => {
    const { writer } = setup();
    const first = await writer.write(record());
    const resend = await writer.write(record({ receivedAt: 1_000_000 + 60_000 }));
    const again = await writer.write(record({ receivedAt: 1_000_000 + 120_000 }));
    const later = await writer.write(
      record({ receivedAt: 1_000_000 + 120_000 + DUPLICATE_WINDOW_MS + 1 }),
    );
    const other = await writer.write(record({ bodyHash: "h2", receivedAt: 1_000_000 + 1 }));
    expect(first.duplicateOf).toBeNull();
    expect(resend.duplicateOf).toBe(first.id);
    expect(again.duplicateOf).toBe(first.id);
    expect(later.duplicateOf).toBeNull();
    expect(other.duplicateOf).toBeNull();
  });

  it("never marks validation messages as re-sends", async () => {
    const { writer } = setup();
    const validation = record({
      kind: "verification",
      resourceType: null,
      resourceId: null,
      bodyHash: "v",
    });
    await writer.write(validation);
    expect((await writer.write(validation)).duplicateOf).toBeNull();
  });

  it("writes a batch in one go and keeps the resource row current, invalid signatures aside", async () => {
    const { db, writer } = setup();
    const results = await Promise.all([
      writer.write(record({ bodyHash: "a", action: "create", resourceStatus: "ready" })),
      writer.write(record({ bodyHash: "b", receivedAt: 1_000_100, resourceStatus: "running" })),
      writer.write(
        record({
          bodyHash: "c",
          receivedAt: 1_000_200,
          signature: "invalid",
          resourceStatus: "deleted",
        }),
      ),
    ]);
    expect(new Set(results.map((r) => r.id)).size).toBe(3);
    expect(
      db.prepare("SELECT status, delivery_count, last_action, last_event_id FROM resources").get(),
    ).toEqual({
      status: "running",
      delivery_count: 2,
      last_action: "update",
      last_event_id: results[1].id,
    });
  });

  it("fails only the delivery that cannot be written, not its batch", async () => {
    const { db, writer } = setup();
    const outcomes = await Promise.allSettled([
      writer.write(record({ bodyHash: "ok1" })),
      writer.write(record({ bodyHash: "bad", endpointId: "missing" })),
      writer.write(record({ bodyHash: "ok2" })),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(db.prepare("SELECT count(*) FROM deliveries").pluck().get()).toBe(2);
  });

  it("recognises a re-send of what arrived before a restart", async () => {
    const { db, writer } = setup();
    const now = Date.now();
    const first = await writer.write(record({ receivedAt: now - 60_000 }));
    const restarted = new DeliveryWriter(db);
    expect((await restarted.write(record({ receivedAt: now }))).duplicateOf).toBe(first.id);
  });

  it("reads the re-send window at start through received_at's index, not the whole table", () => {
    const { db } = setup();
    db.pragma("optimize = 0x10002");
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${RECENT_BODIES_SQL}`)
      .all(0)
      .map((row) => (row as { detail: string }).detail);
    expect(plan).toEqual([expect.stringContaining("USING INDEX deliveries_received_at_idx")]);
  });

  it("does not point a re-send at a write that was rolled back", async () => {
    const { writer } = setup();
    const [kept, refused] = await Promise.allSettled([
      writer.write(record({ bodyHash: "x" })),
      writer.write(record({ bodyHash: "x", endpointId: "missing" })),
    ]);
    expect(refused.status).toBe("rejected");
    if (kept.status !== "fulfilled") throw new Error("the good delivery was not written");
    expect((await writer.write(record({ bodyHash: "x", receivedAt: 1_000_001 }))).duplicateOf).toBe(
      kept.value.id,
    );
  });

  it("lets deliveries within the group-commit window share one commit", async () => {
    const batches = async (windowMs: number) => {
      const { db } = setup();
      const writer = new DeliveryWriter(db, windowMs);
      const sizes: number[] = [];
      const unsubscribe = subscribeDeliveries((items) => sizes.push(items.length));
      const first = writer.write(record({ bodyHash: "w1" }));
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all([first, writer.write(record({ bodyHash: "w2" }))]);
      unsubscribe();
      return sizes;
    };
    expect(await batches(0)).toEqual([1, 1]);
    expect(await batches(50)).toEqual([2]);
  });
});

describe("DeliveryWriter and live listeners", () => {
  it("stores a batch once and tells every other listener when one listener throws", async () => {
    const { db, writer } = setup();
    const heard: number[] = [];
    const unsubscribeThrowing = subscribeDeliveries(() => {
      throw new Error("a broken live listener");
    });
    const unsubscribeHealthy = subscribeDeliveries((items) =>
      heard.push(...items.map((item) => item.id)),
    );
    try {
      const stored = await Promise.all([
        writer.write(record({ bodyHash: "l1" })),
        writer.write(record({ bodyHash: "l2" })),
        writer.write(record({ bodyHash: "l3" })),
      ]);
      const ids = stored.map((s) => s.id);
      expect(db.prepare("SELECT id FROM deliveries ORDER BY id").pluck().all()).toEqual(ids);
      expect(db.prepare("SELECT count(*) FROM delivery_contents").pluck().get()).toBe(3);
      expect(db.prepare("SELECT delivery_count FROM resources").pluck().get()).toBe(3);
      expect(heard).toEqual(ids);
    } finally {
      unsubscribeThrowing();
      unsubscribeHealthy();
    }
  });
});

describe("DeliveryWriter beside another writer", () => {
  it("waits for the write lock off the event loop, and commits once it is free", async () => {
    // The payload index's worker writes on its own connection (lib/search): while it holds
    // the lock, the loop must go on serving requests, not sleep in the busy handler.
    const dir = mkdtempSync(path.join(tmpdir(), "hooklens-writer-lock-"));
    const file = path.join(dir, "hooklens.db");
    writeFileSync(file, setup().db.serialize());
    const db = openDatabase(file);
    const other = openDatabase(file);
    try {
      const writer = new DeliveryWriter(db);
      other.exec("BEGIN IMMEDIATE");
      let stored = false;
      const written = writer.write(record({ bodyHash: "locked" })).then((result) => {
        stored = true;
        return result;
      });
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 30));
      // Timers ran meanwhile (a blocked loop would have slept up to the 5 s busy timeout).
      expect(performance.now() - started).toBeLessThan(1000);
      expect(stored).toBe(false);
      const more = writer.write(record({ bodyHash: "joined", receivedAt: 1_000_001 }));
      other.exec("COMMIT");
      const [first, second] = await Promise.all([written, more]);
      expect(db.prepare("SELECT id FROM deliveries ORDER BY id").pluck().all()).toEqual([
        first.id,
        second.id,
      ]);
      expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
    } finally {
      other.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
