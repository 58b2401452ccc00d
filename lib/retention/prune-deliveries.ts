import type { RetentionStore } from "../db/queries/retention";

/**
 * Deletes the deliveries past the retention limits, oldest first, in short transactions
 * over id ranges of the primary key (lib/db/queries/retention.ts, per engine), so that the
 * receiver's group commit waits at most one small batch: on SQLite it shares the
 * connection and the event loop, and each batch runs synchronously; on PostgreSQL the
 * receivers of every instance write meanwhile. With each delivery go its content, replays,
 * kept timeline steps, forwards, search terms, rollup counts and resource_changes; a
 * resource row, and where the timeline keeper left its timeline, go when the last
 * delivery they point at is gone.
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

/**
 * Which ids are due: everything up to `lastId` (and, for age, received before `cutoff`).
 * Only committed deliveries are read, and what is received later has higher ids, so a
 * plan never reaches a delivery newer than the limits when it was made.
 */
async function planPrune(
  store: RetentionStore,
  limits: RetentionLimits,
  now: number,
  timed: <T>(work: () => T | Promise<T>) => Promise<T>,
): Promise<Plan[]> {
  const bounds = await timed(() => store.idRange());
  if (!bounds) return [];
  const plans: Plan[] = [];
  const max = limits.maxDeliveries;
  // Cheap test first: ids are dense unless endpoints were deleted, so fewer ids than the
  // limit means fewer rows, and the O(limit) walk below is skipped.
  if (max !== undefined && bounds.maxId - bounds.minId + 1 > max) {
    const lastId = await timed(() => store.idBelowNewest(max));
    if (lastId !== undefined) plans.push({ nextId: bounds.minId, lastId, cutoff: null });
  }
  if (limits.maxAgeMs !== undefined) {
    const cutoff = now - limits.maxAgeMs;
    const lastId = await timed(() => store.lastReceivedBefore(cutoff));
    if (lastId !== undefined)
      plans.push({ nextId: bounds.minId, lastId: Math.max(lastId, bounds.minId), cutoff });
  }
  return plans;
}

export function createPruner(store: RetentionStore, limits: RetentionLimits) {
  /**
   * Yields between batches (the caller awaits `pause`, which answers false to stop: the
   * job lock lost), so the receiver keeps its turn; `longestHoldMs` is the longest the
   * event loop was held at once (on SQLite a whole batch; on PostgreSQL sending one).
   */
  return async function prune(
    pause: () => Promise<unknown>,
    now = Date.now(),
  ): Promise<PruneResult> {
    const result: PruneResult = { deleted: 0, longestHoldMs: 0 };
    const timed = <T>(work: () => T | Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return Promise.resolve(work());
      } finally {
        result.longestHoldMs = Math.max(result.longestHoldMs, performance.now() - started);
      }
    };
    let highest = 0;
    for (const plan of await planPrune(store, limits, now, timed)) {
      for (let from = plan.nextId; from <= plan.lastId; from += limits.batchSize) {
        const to = Math.min(from + limits.batchSize, plan.lastId + 1);
        result.deleted += await timed(() => store.deleteBatch(from, to, plan.cutoff));
        highest = Math.max(highest, to);
        if ((await pause()) === false) return result;
      }
    }
    if (highest > 0) {
      while (
        (await timed(() => store.deleteLeftovers(highest, limits.batchSize))) >= limits.batchSize
      )
        if ((await pause()) === false) break;
    }
    return result;
  };
}
