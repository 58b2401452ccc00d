import type Database from "better-sqlite3";
import { Timeline, type TimelineStep } from "../diff/build-timeline";
import { cachedStatement } from "../db/cached-statement";
import { CHANGES_WATERMARK } from "../changes/changes-watermark";
import { snapshotTime } from "../diff/snapshot-order";
import { keptSteps, timelineMemory, type KeptSteps, type ResourceRef } from "./kept-steps";
import {
  loadDeliveriesPast,
  loadResourceDeliveries,
  type ResourceDelivery,
} from "./load-resource-deliveries";
import { encodeStepFlags } from "./step-codec";
import { encodeStepDiff } from "./step-diff";

/**
 * Works out each delivery's timeline step once, after it was stored, and keeps it in
 * timeline_steps, so that opening a timeline reads a window of kept steps instead of
 * every body of its history and every diff between them (1.35 s at 20,000 deliveries).
 *
 * The steps come from the same Timeline as a timeline built at once, its memory read
 * from the kept rows (timeline-memory below). Deliveries are taken in id order, the
 * order the timeline walks, and a step depends only on the deliveries before it; so a
 * kept step stays right when later deliveries come. A snapshot older than one already
 * seen (by its updated_at) is a late step compared with its real predecessor, found by
 * snapshot time among the kept steps; the steps after it keep their diffs, as in a
 * timeline built at once, since a late snapshot never moves the state.
 */
const WATERMARK = "timeline_steps.kept_through";
/** Deliveries of one resource read at once when one timeline catches up. */
const RESOURCE_CHUNK = 2000;

function statements(db: Database.Database) {
  return {
    // Plain inserts: a step is written once (rekeeping deletes first), and the counting
    // triggers would miss the row a REPLACE deletes.
    insertStep: cachedStatement(
      db,
      `INSERT INTO timeline_steps (delivery_id, head, invalid, flags, compared_to, diff,
        diff_dictionary, state_of, state, snapshot_time)
      VALUES (@deliveryId, @head, @invalid, @flags, @comparedTo, @diff, @diff_dictionary,
        @stateOf, @state, @snapshotTime)`,
    ),
    createHead: cachedStatement(
      db,
      `INSERT INTO timeline_heads (resource_type, resource_id, through_id, endpoint_id)
      VALUES (@resourceType, @resourceId, 0, @endpointId) RETURNING key`,
      "pluck",
    ),
    updateHead: cachedStatement(
      db,
      `UPDATE timeline_heads SET through_id = @throughId, state_from = @stateFrom,
        newest_time = @newestTime, endpoint_id = @endpointId, mixed_endpoints = @mixed
      WHERE key = @head`,
    ),
  };
}

/** Where this step's state is kept: its own row, or the row it shows the state of. */
function stateSource(
  kept: KeptSteps,
  step: TimelineStep<ResourceDelivery>,
  previousStateFrom: number | null,
): { stateOf: number | null; state: string | null } {
  const id = step.delivery.id;
  if (step.duplicate)
    return { stateOf: kept.step(step.comparedTo!)?.state_of ?? null, state: null };
  if (step.snapshot === null)
    return { stateOf: step.state ? previousStateFrom : null, state: null };
  // A bare row laid over the state before it: no single body holds that state.
  const merged = step.state !== step.snapshot;
  return { stateOf: id, state: merged ? JSON.stringify(step.state) : null };
}

/** Adds a resource's deliveries, oldest first, past those its kept timeline already has. */
function extendTimeline(
  db: Database.Database,
  resource: ResourceRef,
  deliveries: readonly ResourceDelivery[],
) {
  const kept = keptSteps(db, resource);
  const head = kept.head();
  const behind = deliveries.find((d) => d.id <= (head?.through_id ?? 0) && !kept.step(d.id));
  if (behind) return rekeepTimeline(db, resource, behind.id);
  const fresh = deliveries.filter((delivery) => delivery.id > (head?.through_id ?? 0));
  if (fresh.length === 0) return;
  const memory = timelineMemory(kept);
  const timeline = new Timeline<ResourceDelivery>({}, memory);
  const { insertStep, createHead, updateHead } = statements(db);
  const endpointId = head?.endpoint_id ?? fresh[0]!.summary.endpoint_id;
  const headKey = head?.key ?? (createHead.get({ ...resource, endpointId }) as number);
  let mixed = head?.mixed_endpoints === 1;
  for (const delivery of fresh) {
    mixed ||= delivery.summary.endpoint_id !== endpointId;
    const previousStateFrom = memory.stateFrom;
    const step = timeline.add(delivery);
    const row = { deliveryId: delivery.id, head: headKey, flags: 0, comparedTo: null };
    if (!step) {
      insertStep.run({
        ...row,
        ...encodeStepDiff(db, null),
        invalid: 1,
        stateOf: null,
        state: null,
        snapshotTime: null,
      });
      continue;
    }
    insertStep.run({
      ...row,
      invalid: 0,
      flags: encodeStepFlags(step),
      comparedTo: step.comparedTo,
      ...encodeStepDiff(db, step.diff ? step.diff : null),
      ...stateSource(kept, step, previousStateFrom),
      snapshotTime: step.snapshot && snapshotTime(step.snapshot),
    });
  }
  updateHead.run({
    head: headKey,
    throughId: fresh.at(-1)!.id,
    stateFrom: memory.stateFrom,
    newestTime: memory.newestTime(),
    endpointId,
    mixed: mixed ? 1 : 0,
  });
}

/**
 * A delivery that came behind steps already kept (an id below theirs: a database restored
 * or merged under a running keeper; one writer never does this). Every step after it may
 * change, its successor's first: the resource's timeline is kept again from the start,
 * and the field-change index again from that delivery.
 */
function rekeepTimeline(db: Database.Database, resource: ResourceRef, fromId: number) {
  const key = [resource.resourceType, resource.resourceId];
  db.prepare(
    `DELETE FROM timeline_steps WHERE head =
      (SELECT key FROM timeline_heads WHERE resource_type = ? AND resource_id = ?)`,
  ).run(...key);
  db.prepare("DELETE FROM timeline_heads WHERE resource_type = ? AND resource_id = ?").run(...key);
  db.prepare("UPDATE settings SET value = ? WHERE key = ? AND CAST(value AS INTEGER) >= ?").run(
    String(fromId - 1),
    CHANGES_WATERMARK,
    fromId,
  );
  for (let afterId = 0; ;) {
    const deliveries = loadResourceDeliveries({ ...resource, afterId, limit: RESOURCE_CHUNK, db });
    if (deliveries.length === 0) return;
    extendTimeline(db, resource, deliveries);
    afterId = deliveries.at(-1)!.id;
  }
}

export function keptThrough(db: Database.Database): number {
  const value = cachedStatement(db, "SELECT value FROM settings WHERE key = ?", "pluck").get(
    WATERMARK,
  );
  return Number(value ?? 0) || 0;
}

/**
 * Keeps the steps of the next `limit` deliveries past the watermark, in one transaction
 * (the write lock taken first, so that two keepers never take the same deliveries).
 * Answers how many it read and whether deliveries are left.
 */
export function keepTimelineBatch(db: Database.Database, limit: number) {
  return db
    .transaction(() => {
      const from = keptThrough(db);
      const deliveries = loadDeliveriesPast(db, { afterId: from, limit });
      const last = cachedStatement(db, "SELECT max(id) FROM deliveries", "pluck").get() as
        number | null;
      const through = deliveries.length < limit ? Math.max(from, last ?? 0) : deliveries.at(-1)!.id;
      const byResource = new Map<
        string,
        { resource: ResourceRef; deliveries: ResourceDelivery[] }
      >();
      for (const delivery of deliveries) {
        const resourceType = delivery.summary.resource_type!;
        const resourceId = delivery.summary.resource_id!;
        const group = byResource.get(JSON.stringify([resourceType, resourceId])) ?? {
          resource: { resourceType, resourceId },
          deliveries: [],
        };
        group.deliveries.push(delivery);
        byResource.set(JSON.stringify([resourceType, resourceId]), group);
      }
      for (const group of byResource.values()) extendTimeline(db, group.resource, group.deliveries);
      cachedStatement(
        db,
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(WATERMARK, String(through), Date.now());
      return { read: deliveries.length, through, more: deliveries.length >= limit };
    })
    .immediate();
}

/**
 * Looks for deliveries behind the watermark that have no kept step, among the ids in
 * (afterId, afterId + span]: none, unless a database was restored or merged under a
 * kept one. Each resource with one is kept again (rekeepTimeline). Answers where the
 * next sweep starts, null once it passed the watermark.
 */
export function sweepUnkeptSteps(db: Database.Database, afterId: number, span: number) {
  return db
    .transaction(() => {
      const through = Math.min(afterId + span, keptThrough(db));
      const missing = db
        .prepare(
          `SELECT resource_type AS resourceType, resource_id AS resourceId, min(id) AS fromId
           FROM deliveries d WHERE id > ? AND id <= ? AND kind = 'event'
             AND resource_type IS NOT NULL AND resource_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM timeline_steps s WHERE s.delivery_id = d.id)
           GROUP BY resource_type, resource_id`,
        )
        .all(afterId, through) as Array<ResourceRef & { fromId: number }>;
      for (const { fromId, ...resource } of missing) rekeepTimeline(db, resource, fromId);
      return through >= keptThrough(db) ? null : through;
    })
    .immediate();
}

/**
 * Brings one resource's kept timeline up to its last stored delivery, for a reader that
 * came before the background keeper did (usually nothing or a few deliveries).
 */
export function keepResourceTimeline(db: Database.Database, resource: ResourceRef): void {
  const newest = db
    .prepare("SELECT max(id) FROM deliveries WHERE resource_type = ? AND resource_id = ?")
    .pluck()
    .get(resource.resourceType, resource.resourceId) as number | null;
  const kept = keptSteps(db, resource);
  while (newest !== null && (kept.head()?.through_id ?? 0) < newest) {
    const done = db
      .transaction(() => {
        const afterId = kept.head()?.through_id ?? 0;
        const deliveries = loadResourceDeliveries({
          ...resource,
          afterId,
          limit: RESOURCE_CHUNK,
          db,
        });
        extendTimeline(db, resource, deliveries);
        return deliveries.length < RESOURCE_CHUNK;
      })
      .immediate();
    if (done) break;
  }
}
