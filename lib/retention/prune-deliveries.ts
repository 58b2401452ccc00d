import type Database from "better-sqlite3";

/**
 * Deletes the deliveries past the retention limits, oldest first, in short transactions
 * over id ranges of the primary key, so that the receiver's group commit (same
 * connection, same event loop) waits at most one small batch. With each delivery go its
 * content, replays and kept timeline step (foreign-key cascades) and its
 * resource_changes; a resource row, and where the timeline keeper left its timeline, go
 * when the last delivery they point at is gone.
 */
export type RetentionLimits = {
  /** Keep deliveries received within this many ms (undefined: no age limit). */
  maxAgeMs?: number;
  /** Keep at most this many deliveries (undefined: no count limit). */
  maxDeliveries?: number;
  batchSize: number;
};

export type PruneResult = { deleted: number; longestHoldMs: number };

type Plan = { nextId: number; lastId: number; cutoff: number | null };

/** Which ids are due: everything up to `lastId` (and, for age, received before `cutoff`). */
function planPrune(db: Database.Database, limits: RetentionLimits, now: number): Plan[] {
  const bounds = db.prepare("SELECT min(id) AS minId, max(id) AS maxId FROM deliveries").get() as {
    minId: number | null;
    maxId: number | null;
  };
  if (bounds.minId === null || bounds.maxId === null) return [];
  const plans: Plan[] = [];
  const max = limits.maxDeliveries;
  // Cheap test first: ids are dense unless endpoints were deleted, so fewer ids than the
  // limit means fewer rows, and the O(limit) walk below is skipped.
  if (max !== undefined && bounds.maxId - bounds.minId + 1 > max) {
    const lastId = db
      .prepare("SELECT id FROM deliveries ORDER BY id DESC LIMIT 1 OFFSET ?")
      .pluck()
      .get(max) as number | undefined;
    if (lastId !== undefined) plans.push({ nextId: bounds.minId, lastId, cutoff: null });
  }
  if (limits.maxAgeMs !== undefined) {
    const cutoff = now - limits.maxAgeMs;
    // Ids follow arrival; the received_at condition in the delete covers clock steps.
    const lastId = db
      .prepare("SELECT id FROM deliveries WHERE received_at < ? ORDER BY received_at DESC LIMIT 1")
      .pluck()
      .get(cutoff) as number | undefined;
    if (lastId !== undefined)
      plans.push({ nextId: bounds.minId, lastId: Math.max(lastId, bounds.minId), cutoff });
  }
  return plans;
}

export function createPruner(db: Database.Database, limits: RetentionLimits) {
  const deleteDeliveries = db.prepare(
    "DELETE FROM deliveries WHERE id >= @from AND id < @to AND (@cutoff IS NULL OR received_at < @cutoff)",
  );
  const deleteChanges =
    db.prepare(`DELETE FROM resource_changes WHERE delivery_id >= @from AND delivery_id < @to
    AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = resource_changes.delivery_id)`);
  const deleteResources =
    db.prepare(`DELETE FROM resources WHERE rowid IN (SELECT rowid FROM resources
    WHERE last_event_id < @to AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = resources.last_event_id)
    LIMIT @limit)`);

  const batch = db.transaction((from: number, to: number, cutoff: number | null) => {
    const deleted = deleteDeliveries.run({ from, to, cutoff }).changes;
    deleteChanges.run({ from, to });
    return deleted;
  });
  const deleteTimelineHeads =
    db.prepare(`DELETE FROM timeline_heads WHERE rowid IN (SELECT rowid FROM timeline_heads
    WHERE through_id < @to AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = timeline_heads.through_id)
    LIMIT @limit)`);
  // Endpoints' own timelines go with their resource's whole one (their steps went with
  // the deliveries).
  const deleteEndpointHeads =
    db.prepare(`DELETE FROM timeline_endpoint_heads WHERE rowid IN (SELECT e.rowid
    FROM timeline_endpoint_heads e WHERE NOT EXISTS (SELECT 1 FROM timeline_heads h
      WHERE h.resource_type = e.resource_type AND h.resource_id = e.resource_id)
    LIMIT @limit)`);
  const resourceBatch = db.transaction((to: number) =>
    Math.max(
      deleteResources.run({ to, limit: limits.batchSize }).changes,
      deleteTimelineHeads.run({ to, limit: limits.batchSize }).changes,
      deleteEndpointHeads.run({ limit: limits.batchSize }).changes,
    ),
  );

  /**
   * Yields between batches (the caller awaits `pause`), so the receiver keeps its turn;
   * `longestHoldMs` is the longest the event loop was held at once.
   */
  return async function prune(pause: () => Promise<void>, now = Date.now()): Promise<PruneResult> {
    const result: PruneResult = { deleted: 0, longestHoldMs: 0 };
    const timed = <T>(work: () => T): T => {
      const started = performance.now();
      try {
        return work();
      } finally {
        result.longestHoldMs = Math.max(result.longestHoldMs, performance.now() - started);
      }
    };
    let highest = 0;
    for (const plan of timed(() => planPrune(db, limits, now))) {
      for (let from = plan.nextId; from <= plan.lastId; from += limits.batchSize) {
        const to = Math.min(from + limits.batchSize, plan.lastId + 1);
        result.deleted += timed(() => batch(from, to, plan.cutoff));
        highest = Math.max(highest, to);
        await pause();
      }
    }
    if (highest > 0) {
      while (timed(() => resourceBatch(highest)) >= limits.batchSize) await pause();
    }
    return result;
  };
}
