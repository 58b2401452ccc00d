import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../stats/time-buckets";
import { refreshRollupsSqlite as refreshRollups } from "./stats-rollups";

/** A fresh database with the project's migrations, triggers included. */
function migratedDatabase() {
  const db = new Database(":memory:");
  db.pragma("foreign_keys = ON");
  const dir = path.resolve(import.meta.dirname, "../../../prisma/migrations");
  for (const name of readdirSync(dir)
    .filter((entry) => /^\d/.test(entry))
    .sort()) {
    db.exec(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  }
  for (const id of ["e1", "e2"]) {
    db.prepare("INSERT INTO endpoints (id, name, token, updated_at) VALUES (?, ?, ?, 0)").run(
      id,
      id,
      `t-${id}`,
    );
  }
  return db;
}

let seed = 11;
const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

function insertDeliveries(db: Database.Database, count: number) {
  const insert =
    db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, resource_type, action, result,
    resource_id, signature, size, body_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 'h')`);
  const start = Date.UTC(2026, 0, 1, 22);
  for (let i = 0; i < count; i++) {
    const kind = pick(["event", "event", "event", "text", "verification", "unparsed"]);
    const isEvent = kind === "event";
    insert.run(
      pick(["e1", "e2"]),
      start + Math.floor(random() * 4 * HOUR_MS),
      kind,
      isEvent || kind === "unparsed" ? pick(["server", "disk"]) : null,
      isEvent ? pick(["create", "update", "delete"]) : null,
      isEvent ? pick(["succeed", "failed"]) : null,
      isEvent ? pick(["a", "b", "c"]) : null,
      pick(["valid", "invalid", "unsigned"]),
    );
  }
}

/** The rollups against the same counts computed from the deliveries themselves. */
function expectRollupsToMatch(db: Database.Database) {
  const dims =
    "endpoint_id, kind, coalesce(resource_type, ''), coalesce(action, ''), coalesce(result, ''), signature";
  for (const span of [MINUTE_MS, HOUR_MS]) {
    const truth = db
      .prepare(
        `SELECT received_at - received_at % ${span} AS t, ${dims}, count(*) AS n
      FROM deliveries GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
      )
      .raw()
      .all();
    const rollup = db
      .prepare(
        `SELECT bucket_start, endpoint_id, kind, resource_type, action, result, signature, count
      FROM delivery_counts WHERE span = ${span} ORDER BY 1, 2, 3, 4, 5, 6, 7`,
      )
      .raw()
      .all();
    expect(rollup).toEqual(truth);
  }
  for (const span of [HOUR_MS, DAY_MS]) {
    const truth = db
      .prepare(
        `SELECT received_at - received_at % ${span}, resource_type, resource_id, endpoint_id,
      count(*), sum(result IS 'failed') FROM deliveries WHERE resource_type IS NOT NULL AND resource_id IS NOT NULL
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .raw()
      .all();
    const rollup = db
      .prepare(
        `SELECT bucket_start, resource_type, resource_id, endpoint_id, count, failures
      FROM resource_counts WHERE span = ${span} ORDER BY 1, 2, 3, 4`,
      )
      .raw()
      .all();
    expect(rollup).toEqual(truth);
  }
}

describe("refreshRollups", () => {
  it("counts every delivery once, in chunks, however often it runs", () => {
    const db = migratedDatabase();
    insertDeliveries(db, 700);
    expect(refreshRollups(db, { chunk: 64, maxChunks: 2 })).toBe(128);
    expect(refreshRollups(db, { chunk: 64 })).toBe(700 - 128);
    expect(refreshRollups(db)).toBe(0);
    expectRollupsToMatch(db);
    insertDeliveries(db, 50);
    refreshRollups(db, { chunk: 7 });
    expectRollupsToMatch(db);
  });

  it("takes deleted deliveries back out, counted or not yet, and drops rows that reach zero", () => {
    const db = migratedDatabase();
    insertDeliveries(db, 600);
    refreshRollups(db);
    insertDeliveries(db, 200);
    // Deliveries on both sides of the watermark go: the counted ones through the trigger,
    // the others are simply never counted.
    db.prepare("DELETE FROM deliveries WHERE id % 3 = 0").run();
    refreshRollups(db);
    expectRollupsToMatch(db);
    expect(db.prepare("SELECT count(*) FROM delivery_counts WHERE count <= 0").pluck().get()).toBe(
      0,
    );

    db.prepare("DELETE FROM endpoints WHERE id = 'e2'").run();
    expectRollupsToMatch(db);
    expect(
      db.prepare("SELECT count(*) FROM delivery_counts WHERE endpoint_id = 'e2'").pluck().get(),
    ).toBe(0);
    expect(
      db.prepare("SELECT count(*) FROM resource_counts WHERE endpoint_id = 'e2'").pluck().get(),
    ).toBe(0);
  });
});
