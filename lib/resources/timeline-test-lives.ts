import type Database from "better-sqlite3";
import { buildTimeline } from "../diff/build-timeline";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { createRandom } from "../simulator/random";
import { getDetailsCache } from "./details-cache";
import { chainTables, keptSteps, type TimelineChain } from "./kept-steps";
import { loadResourceDeliveries } from "./load-resource-deliveries";
import { decodeStepFlags } from "./step-codec";
import { decodeStepDiff } from "./step-diff";

/**
 * Test deliveries for the timeline keeper's tests: a server's events written straight
 * into a migrated database (the columns the keeper reads, an identity-encoded body).
 */
export type Details = Record<string, unknown>;
export type Sent = { id: number; resourceId: string; details: Details | null };

export function timelineLives(db: Database.Database) {
  const minute = (m: number) => `2024-05-01T10:${String(m).padStart(2, "0")}:00.000000Z`;

  function insert(
    resourceId: string,
    details: Details | null,
    extra: {
      action?: string;
      signature?: string;
      duplicateOf?: number;
      id?: number;
      endpoint?: string;
    } = {},
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
         VALUES (?, ?, 0, 'event', 'server', ?, ?, 'succeed', ?, ?, 'h', ?)`,
      )
      .run(
        extra.id ?? null,
        extra.endpoint ?? "ep",
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

  /** A random life of a few servers: updates, late snapshots, re-sends, deletes, forgeries;
   *  from `secondEndpointAt` on, some of them sent by a second endpoint, ep2, too. */
  function randomLives(seed: number, count: number, secondEndpointAt = Infinity) {
    const random = createRandom(seed);
    const sent: Sent[] = [];
    for (let i = 0; i < count; i++) {
      const resourceId = `srv-${random.int(1, 3)}`;
      const endpoint = i >= secondEndpointAt && random.next() < 0.4 ? "ep2" : "ep";
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
        sent.push(insert(resourceId, original.details, { duplicateOf: original.id, endpoint }));
      } else if (roll < 0.15) {
        sent.push(
          insert(
            resourceId,
            { id: resourceId, status: "deleted", updated_at: details.updated_at },
            { action: "delete", endpoint },
          ),
        );
      } else if (roll < 0.2) {
        sent.push(insert(resourceId, details, { signature: "invalid", endpoint }));
      } else if (roll < 0.25) {
        sent.push(insert(resourceId, null, { endpoint }));
      } else {
        sent.push(insert(resourceId, details, { endpoint }));
      }
    }
    return sent;
  }

  return { minute, insert, randomLives };
}

/** A new database with endpoints "ep" and "ep2", and lives to write into it. */
export function timelineTestDatabase() {
  const db = migratedMemoryDatabase();
  // The details cache is by delivery id, and every database here starts at id 1.
  getDetailsCache().clear();
  db.prepare(
    "INSERT INTO endpoints (id, name, token, updated_at) VALUES ('ep', 'ep', 't', 0), ('ep2', 'ep2', 't2', 0)",
  ).run();
  return { db, ...timelineLives(db) };
}

/** A chain's kept steps, read back as a timeline built at once would show them. */
export function keptTimeline(db: Database.Database, chain: TimelineChain) {
  const kept = keptSteps(db, chain);
  const head = kept.head();
  const ids = db
    .prepare(
      `SELECT delivery_id FROM ${chainTables(chain).steps}
       WHERE head = ? AND invalid = 0 ORDER BY delivery_id`,
    )
    .pluck()
    .all(head?.key ?? -1) as number[];
  return ids.map((id) => {
    const row = kept.step(id)!;
    const { snapshot, ...flags } = decodeStepFlags(row.flags);
    return {
      id,
      ...flags,
      comparedTo: row.compared_to,
      diff: decodeStepDiff(db, row),
      state: kept.stateOfStep(row),
      snapshot: snapshot ? kept.snapshotOf(id) : null,
    };
  });
}

/** The timeline of a chain's deliveries built at once, in keptTimeline's terms. */
export function builtTimeline(db: Database.Database, chain: TimelineChain) {
  const built = buildTimeline(loadResourceDeliveries({ ...chain, db }));
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
