import type Database from "better-sqlite3";
import { cachedStatement } from "../db/cached-statement";
import { readWatermark, writeWatermark } from "../db/watermark-setting";
import { extendTimeline, rekeepTimeline, RESOURCE_CHUNK } from "./extend-timeline";
import { keptSteps, type ResourceRef } from "./kept-steps";
import {
  loadDeliveriesPast,
  loadResourceDeliveries,
  type ResourceDelivery,
} from "./load-resource-deliveries";

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

export function keptThrough(db: Database.Database): number {
  return readWatermark(db, WATERMARK);
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
      writeWatermark(db, WATERMARK, through);
      return { read: deliveries.length, through, more: deliveries.length >= limit };
    })
    .immediate();
}

/** How far the sweep below went: it looks through each delivery id once, not at every start. */
const SWEPT = "timeline_steps.swept_through";

/**
 * Looks for deliveries behind the watermark that have no kept step, among the next `span`
 * ids past where the last sweep stopped (a settings row, so that a restart goes on from
 * there instead of looking through the whole history again): none, unless a database was
 * restored or merged under a kept one (a restored file brings its own row; a hand-made
 * merge under kept ids deletes it to be swept again). Each resource with one is kept
 * again (rekeepTimeline). Answers whether ids behind the watermark are left to look at.
 */
export function sweepUnkeptSteps(db: Database.Database, span: number): boolean {
  return db
    .transaction(() => {
      const afterId = readWatermark(db, SWEPT);
      const kept = keptThrough(db);
      if (afterId >= kept) return false;
      const through = Math.min(afterId + span, kept);
      const missing = cachedStatement(
        db,
        `SELECT resource_type AS resourceType, resource_id AS resourceId, min(id) AS fromId
         FROM deliveries d WHERE id > ? AND id <= ? AND kind = 'event'
           AND resource_type IS NOT NULL AND resource_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM timeline_steps s WHERE s.delivery_id = d.id)
         GROUP BY resource_type, resource_id`,
      ).all(afterId, through) as Array<ResourceRef & { fromId: number }>;
      for (const { fromId, ...resource } of missing) rekeepTimeline(db, resource, fromId);
      writeWatermark(db, SWEPT, through);
      return through < kept;
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
