import { describe, expect, it } from "vitest";
import { migratedMemoryDatabase } from "../migrated-memory-db";
import { CLAIM_SQL, forwardQueries } from "./forwarding-sqlite";

type Job = { state: string; nextAttemptAt?: number; leaseUntil?: number | null };

/** One rule's queue, written as rows (no deliveries: foreign keys off for the test). */
function queue(jobs: Job[]) {
  const db = migratedMemoryDatabase();
  db.pragma("foreign_keys = OFF");
  db.prepare(
    `INSERT INTO forward_rules (id, name, url, filter, mode, headers, enabled, paused,
    concurrency, created_at, updated_at) VALUES (1, 'r', 'http://127.0.0.1/', '{}', 'exact',
    '[]', 1, 0, 4, 0, 0)`,
  ).run();
  const insert = db.prepare(`INSERT INTO forward_jobs (rule_id, delivery_id, order_key, state,
    attempts, queued_at, next_attempt_at, lease_until) VALUES (1, ?, ?, ?, 0, 0, ?, ?)`);
  jobs.forEach((job, i) =>
    insert.run(i + 1, `server/${i}`, job.state, job.nextAttemptAt ?? 0, job.leaseUntil ?? null),
  );
  return db;
}

const ids = (jobs: Array<{ id: number }>) => jobs.map((job) => job.id);

describe("claiming forward jobs", () => {
  it("takes lapsed leases first, then due jobs earliest first, up to the limit", () => {
    const db = queue([
      { state: "delivered" },
      { state: "pending", nextAttemptAt: 300 },
      { state: "pending", nextAttemptAt: 100 },
      { state: "sending", leaseUntil: 50 },
      { state: "waiting" },
      { state: "pending", nextAttemptAt: 9_000 },
      { state: "sending", leaseUntil: 9_000 },
      { state: "dead" },
    ]);
    const { claim } = forwardQueries(db);
    expect(ids(claim(1, 1_000, 2, 5_000))).toEqual([4, 3]);
    expect(ids(claim(1, 1_000, 10, 5_000))).toEqual([2]);
    expect(claim(1, 1_000, 10, 5_000)).toEqual([]);
  });

  it("marks what it takes as sending, with the lease and one more attempt", () => {
    const db = queue([{ state: "pending" }]);
    const [job] = forwardQueries(db).claim(1, 1_000, 1, 5_000);
    expect(job).toMatchObject({ state: "sending", attempts: 1 });
    expect(db.prepare("SELECT state, lease_until, attempts FROM forward_jobs").get()).toEqual({
      state: "sending",
      lease_until: 5_000,
      attempts: 1,
    });
  });

  // A claim runs for every rule after every send: it must read a range of the index, not
  // every job the rule ever had (delivered ones pile up by the million).
  it.each(Object.entries(CLAIM_SQL))("reads a range of an index for %s jobs", (_, sql) => {
    const db = queue([]);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all({ ruleId: 1, now: 0, limit: 1 }) as Array<{ detail: string }>;
    const steps = plan.map((step) => step.detail);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatch(/^SEARCH forward_jobs USING INDEX \S+ \(rule_id=\? AND state=\?/);
  });
});

describe("queueing forward jobs", () => {
  const states = (db: ReturnType<typeof queue>) =>
    db.prepare("SELECT rule_id, order_key, state FROM forward_jobs ORDER BY id").all();

  it("queues a job behind an open one of its resource and rule, earlier or in the same batch", () => {
    const db = queue([{ state: "pending" }]); // rule 1, server/0
    db.prepare(
      `INSERT INTO forward_rules (id, name, url, filter, mode, headers, enabled, paused,
      concurrency, created_at, updated_at) SELECT 2, name, url, filter, mode, headers, enabled,
      paused, concurrency, created_at, updated_at FROM forward_rules WHERE id = 1`,
    ).run();
    const job = (ruleId: number, orderKey: string, deliveryId: number) => ({
      ruleId,
      deliveryId,
      orderKey,
      now: 5,
    });
    forwardQueries(db).enqueueMany([
      job(1, "server/0", 10),
      job(2, "server/0", 10),
      job(1, "server/1", 11),
      job(1, "server/1", 12),
      job(1, "#13", 13),
      job(1, "#13", 13),
    ]);
    expect(states(db).slice(1)).toEqual([
      { rule_id: 1, order_key: "server/0", state: "waiting" },
      { rule_id: 2, order_key: "server/0", state: "pending" },
      { rule_id: 1, order_key: "server/1", state: "pending" },
      { rule_id: 1, order_key: "server/1", state: "waiting" },
      { rule_id: 1, order_key: "#13", state: "pending" },
      { rule_id: 1, order_key: "#13", state: "pending" },
    ]);
  });

  it("does not wait behind a delivered or dead job", () => {
    const db = queue([{ state: "delivered" }, { state: "dead" }]);
    db.prepare("UPDATE forward_jobs SET order_key = 'server/0'").run();
    forwardQueries(db).enqueueMany([{ ruleId: 1, deliveryId: 9, orderKey: "server/0", now: 5 }]);
    expect(states(db).at(-1)).toEqual({ rule_id: 1, order_key: "server/0", state: "pending" });
  });

  it("admits the inbox in delivery order, step by step, skipping deleted rules", () => {
    const db = queue([{ state: "pending" }]);
    db.prepare("UPDATE forward_jobs SET order_key = 'server/0'").run();
    const { queueInbox, admit } = forwardQueries(db);
    queueInbox({ deliveryId: 20, ruleIds: "1,7", orderKey: "server/0", now: 5 });
    queueInbox({ deliveryId: 21, ruleIds: "1", orderKey: "server/1", now: 6 });
    queueInbox({ deliveryId: 22, ruleIds: "1", orderKey: "server/1", now: 7 });
    expect(admit(2)).toBe(2);
    expect(admit(2)).toBe(1);
    expect(admit(2)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM forward_inbox").pluck().get()).toBe(0);
    expect(
      db.prepare("SELECT delivery_id, queued_at FROM forward_jobs WHERE id > 1").all(),
    ).toEqual([
      { delivery_id: 20, queued_at: 5 },
      { delivery_id: 21, queued_at: 6 },
      { delivery_id: 22, queued_at: 7 },
    ]);
    expect(states(db).slice(1)).toEqual([
      { rule_id: 1, order_key: "server/0", state: "waiting" },
      { rule_id: 1, order_key: "server/1", state: "pending" },
      { rule_id: 1, order_key: "server/1", state: "waiting" },
    ]);
  });
});
