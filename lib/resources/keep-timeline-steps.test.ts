import { beforeEach, describe, expect, it } from "vitest";
import { sqliteRetentionStore } from "../db/queries/retention";
import { createPruner } from "../retention/prune-deliveries";
import { keepResourceTimeline, keepTimelineBatch, sweepUnkeptSteps } from "./keep-timeline-steps";
import {
  builtTimeline as builtLife,
  keptTimeline as keptLife,
  timelineTestDatabase,
} from "./timeline-test-lives";

let { db, minute, insert, randomLives } = timelineTestDatabase();
beforeEach(() => {
  ({ db, minute, insert, randomLives } = timelineTestDatabase());
});

const server = (resourceId: string) => ({ resourceType: "server", resourceId });
const keptTimeline = (resourceId: string) => keptLife(db, server(resourceId));
const builtTimeline = (resourceId: string) => builtLife(db, server(resourceId));

const keepAll = (limit: number) => {
  while (keepTimelineBatch(db, limit).more);
};

describe("kept timeline steps", () => {
  it.each([1, 2, 3, 4, 5])("are the steps of a timeline built at once (seed %i)", (seed) => {
    randomLives(seed, 60);
    keepAll(7);
    const steps = ["srv-1", "srv-2", "srv-3"].flatMap((id) => {
      expect(keptTimeline(id)).toEqual(builtTimeline(id));
      return keptTimeline(id);
    });
    // The lives hold every kind of step the keeper must get right.
    for (const kind of ["first", "duplicate", "deletion", "outOfOrder"] as const) {
      expect(steps.some((step) => step[kind])).toBe(true);
    }
  });

  it("stay right when kept in pieces as deliveries arrive, late ones among them", () => {
    const first = insert("srv-1", { id: "srv-1", vmem_size: 1, updated_at: minute(1) });
    keepAll(100);
    insert("srv-1", { id: "srv-1", vmem_size: 3, updated_at: minute(3) });
    keepResourceTimeline(db, { resourceType: "server", resourceId: "srv-1" });
    const late = insert("srv-1", { id: "srv-1", vmem_size: 2, updated_at: minute(2) });
    const after = insert("srv-1", { id: "srv-1", vmem_size: 4, updated_at: minute(4) });
    keepAll(1);
    const steps = keptTimeline("srv-1");
    expect(steps).toEqual(builtTimeline("srv-1"));
    expect(steps.find((s) => s.id === late.id)).toMatchObject({
      outOfOrder: true,
      comparedTo: first.id,
      diff: [
        { path: ["vmem_size"], op: "changed", before: 1, after: 2 },
        { path: ["updated_at"], op: "changed" },
      ].map((entry): unknown => expect.objectContaining(entry)),
    });
    expect(steps.find((s) => s.id === after.id)).toMatchObject({
      outOfOrder: false,
      diff: expect.arrayContaining([
        expect.objectContaining({ path: ["vmem_size"], before: 3, after: 4 }),
      ]),
    });
  });

  it("take a delivery once, whether the keeper or a reader came first", () => {
    randomLives(9, 30);
    keepResourceTimeline(db, { resourceType: "server", resourceId: "srv-2" });
    keepAll(5);
    const count = db.prepare("SELECT count(*) FROM timeline_steps").pluck().get();
    expect(count).toBe(30);
    expect(keptTimeline("srv-2")).toEqual(builtTimeline("srv-2"));
  });

  it("go with their deliveries when retention prunes them, heads with the last one", async () => {
    randomLives(4, 40);
    keepAll(50);
    insert("srv-9", { id: "srv-9", updated_at: minute(1) });
    keepAll(50);
    const prune = createPruner(sqliteRetentionStore(db), { maxDeliveries: 1, batchSize: 10 });
    await prune(() => Promise.resolve());
    const left = db
      .prepare("SELECT resource_id FROM timeline_steps JOIN timeline_heads ON key = head")
      .pluck()
      .all();
    expect(left).toEqual(["srv-9"]);
    const heads = db.prepare("SELECT resource_id FROM timeline_heads").pluck().all();
    expect(heads).toEqual(["srv-9"]);
  });

  it("count each head's steps as rows come and go (keeper, reader, rekeep, retention)", async () => {
    const counted = () =>
      db
        .prepare(
          `SELECT h.resource_id AS id, h.steps, h.invalid_steps AS invalid,
             (SELECT count(*) FROM timeline_steps s WHERE s.head = h.key AND NOT s.invalid) AS rows,
             (SELECT count(*) FROM timeline_steps s WHERE s.head = h.key AND s.invalid) AS bad
           FROM timeline_heads h ORDER BY h.resource_id`,
        )
        .all() as Array<{ id: string; steps: number; invalid: number; rows: number; bad: number }>;
    const consistent = () => {
      const heads = counted();
      for (const head of heads) expect([head.steps, head.invalid]).toEqual([head.rows, head.bad]);
      return heads;
    };
    randomLives(21, 60);
    keepResourceTimeline(db, { resourceType: "server", resourceId: "srv-1" });
    keepAll(7);
    const heads = consistent();
    expect(heads.map((head) => head.id)).toEqual(["srv-1", "srv-2", "srv-3"]);
    expect(heads.some((head) => head.invalid > 0)).toBe(true);
    // A delivery behind the kept ones: srv-2 is kept again from its first delivery.
    insert("srv-2", { id: "srv-2", updated_at: minute(0) }, { id: 1_000 });
    insert("srv-2", { id: "srv-2", updated_at: minute(1) }, { id: 500 });
    keepAll(7);
    while (sweepUnkeptSteps(db, 50));
    consistent();
    const prune = createPruner(sqliteRetentionStore(db), { maxDeliveries: 20, batchSize: 10 });
    await prune(() => Promise.resolve());
    const left = consistent();
    expect(left.reduce((sum, head) => sum + head.rows + head.bad, 0)).toBeLessThanOrEqual(20);
  });

  it("keep a resource again when a delivery turns up behind its kept steps", () => {
    const size = (vmem_size: number, m: number, id: number) =>
      insert("srv-1", { id: "srv-1", vmem_size, updated_at: minute(m) }, { id });
    size(1, 1, 10);
    const successor = size(3, 3, 30);
    keepAll(10);
    // A restored database: delivery 20 was stored before 30, under ids already kept.
    const between = size(2, 2, 20);
    keepAll(10);
    expect(db.prepare("SELECT count(*) FROM timeline_steps").pluck().get()).toBe(2);
    while (sweepUnkeptSteps(db, 7));
    const steps = keptTimeline("srv-1");
    expect(steps).toEqual(builtTimeline("srv-1"));
    expect(steps.map((step) => step.id)).toEqual([10, between.id, successor.id]);
    // The successor's diff is now against the delivery that came between.
    expect(steps[2]).toMatchObject({ comparedTo: between.id });
    expect(steps[2]!.diff).toContainEqual(expect.objectContaining({ before: 2, after: 3 }));
  });

  it("sweep each id behind the watermark once, going on after a restart where it stopped", () => {
    randomLives(11, 30);
    keepAll(10);
    const swept = () =>
      Number(
        db
          .prepare("SELECT value FROM settings WHERE key = 'timeline_steps.swept_through'")
          .pluck()
          .get() ?? 0,
      );
    expect(sweepUnkeptSteps(db, 12)).toBe(true);
    expect(swept()).toBe(12);
    // A restart: the next piece starts at 12, not at the first delivery.
    expect(sweepUnkeptSteps(db, 12)).toBe(true);
    expect(swept()).toBe(24);
    while (sweepUnkeptSteps(db, 12));
    const last = db.prepare("SELECT max(id) FROM deliveries").pluck().get() as number;
    expect(swept()).toBe(last);
    expect(sweepUnkeptSteps(db, 12)).toBe(false);
    // Deliveries kept since are looked through by the next sweep, and only they.
    const sent = insert("srv-1", { id: "srv-1", updated_at: minute(59) });
    keepAll(10);
    expect(sweepUnkeptSteps(db, 1000)).toBe(false);
    expect(swept()).toBe(sent.id);
  });
});
