import { beforeEach, describe, expect, it } from "vitest";
import { buildTimeline } from "../diff/build-timeline";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { createPruner } from "../retention/prune-deliveries";
import { createRandom } from "../simulator/random";
import { getDetailsCache } from "./details-cache";
import { keptSteps } from "./kept-steps";
import { keepResourceTimeline, keepTimelineBatch, sweepUnkeptSteps } from "./keep-timeline-steps";
import { loadResourceDeliveries } from "./load-resource-deliveries";
import { decodeStepFlags } from "./step-codec";

type Details = Record<string, unknown>;
type Sent = { id: number; resourceId: string; details: Details | null };

let db = migratedMemoryDatabase();
beforeEach(() => {
  db = migratedMemoryDatabase();
  // The cache is by delivery id, and every database here starts at id 1.
  getDetailsCache().clear();
  db.prepare(
    "INSERT INTO endpoints (id, name, token, updated_at) VALUES ('ep', 'ep', 't', 0)",
  ).run();
});

const minute = (m: number) => `2024-05-01T10:${String(m).padStart(2, "0")}:00.000000Z`;

function insert(
  resourceId: string,
  details: Details | null,
  extra: { action?: string; signature?: string; duplicateOf?: number; id?: number } = {},
): Sent {
  const body = JSON.stringify({
    action: extra.action ?? "update",
    resource_type: "server",
    ...(details ? { resource_details: details } : {}),
  });
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO deliveries (id, endpoint_id, received_at, kind, resource_type, resource_id,
        action, result, signature, size, body_hash, duplicate_of)
       VALUES (?, 'ep', 0, 'event', 'server', ?, ?, 'succeed', ?, ?, 'h', ?)`,
    )
    .run(
      extra.id ?? null,
      resourceId,
      extra.action ?? "update",
      extra.signature ?? "unsigned",
      body.length,
      extra.duplicateOf ?? null,
    );
  const id = Number(lastInsertRowid);
  db.prepare(
    "INSERT INTO delivery_contents (delivery_id, encoding, headers, body) VALUES (?, 'identity', '[]', ?)",
  ).run(id, body);
  return { id, resourceId, details };
}

/** A random life of a few servers: updates, late snapshots, re-sends, deletes, forgeries. */
function randomLives(seed: number, count: number) {
  const random = createRandom(seed);
  const sent: Sent[] = [];
  for (let i = 0; i < count; i++) {
    const resourceId = `srv-${random.int(1, 3)}`;
    const own = sent.filter((s) => s.resourceId === resourceId);
    const roll = random.next();
    const details = {
      id: resourceId,
      name: `web-${random.int(1, 4)}`,
      vmem_size: 1024 * random.int(1, 4),
      disks_info: [{ id: "d1", size: random.int(1, 3) }],
      updated_at: minute(roll < 0.2 ? random.int(0, i % 60) : Math.min(59, i)),
    };
    if (roll < 0.1 && own.length > 0) {
      const original = own[random.int(0, own.length - 1)]!;
      sent.push(insert(resourceId, original.details, { duplicateOf: original.id }));
    } else if (roll < 0.15) {
      sent.push(
        insert(
          resourceId,
          { id: resourceId, status: "deleted", updated_at: details.updated_at },
          { action: "delete" },
        ),
      );
    } else if (roll < 0.2) {
      sent.push(insert(resourceId, details, { signature: "invalid" }));
    } else if (roll < 0.25) {
      sent.push(insert(resourceId, null));
    } else {
      sent.push(insert(resourceId, details));
    }
  }
  return sent;
}

/** The kept steps of a resource, read back as a timeline built at once would show them. */
function keptTimeline(resourceId: string) {
  const resource = { resourceType: "server", resourceId };
  const kept = keptSteps(db, resource);
  const ids = db
    .prepare(
      "SELECT delivery_id FROM timeline_steps WHERE resource_id = ? AND invalid = 0 ORDER BY delivery_id",
    )
    .pluck()
    .all(resourceId) as number[];
  return ids.map((id) => {
    const row = kept.step(id)!;
    const { snapshot, ...flags } = decodeStepFlags(row.flags);
    return {
      id,
      ...flags,
      comparedTo: row.compared_to,
      diff: row.diff === null ? null : (JSON.parse(row.diff) as unknown),
      state: kept.stateOfStep(row),
      snapshot: snapshot ? kept.snapshotOf(id) : null,
    };
  });
}

function builtTimeline(resourceId: string) {
  const built = buildTimeline(loadResourceDeliveries({ resourceType: "server", resourceId, db }));
  return built.steps.map((step) => ({
    id: step.delivery.id,
    first: step.first,
    duplicate: step.duplicate,
    deletion: step.deletion,
    outOfOrder: step.outOfOrder,
    unchanged: step.unchanged,
    comparedTo: step.comparedTo,
    diff: step.diff === null ? null : (JSON.parse(JSON.stringify(step.diff)) as unknown),
    state: step.state,
    snapshot: step.snapshot,
  }));
}

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
    const prune = createPruner(db, { maxDeliveries: 1, batchSize: 10 });
    await prune(() => Promise.resolve());
    const left = db.prepare("SELECT resource_id FROM timeline_steps").pluck().all();
    expect(left).toEqual(["srv-9"]);
    const heads = db.prepare("SELECT resource_id FROM timeline_heads").pluck().all();
    expect(heads).toEqual(["srv-9"]);
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
    let from: number | null = 0;
    while (from !== null) from = sweepUnkeptSteps(db, from, 7);
    const steps = keptTimeline("srv-1");
    expect(steps).toEqual(builtTimeline("srv-1"));
    expect(steps.map((step) => step.id)).toEqual([10, between.id, successor.id]);
    // The successor's diff is now against the delivery that came between.
    expect(steps[2]).toMatchObject({ comparedTo: between.id });
    expect(steps[2]!.diff).toContainEqual(expect.objectContaining({ before: 2, after: 3 }));
  });
});
