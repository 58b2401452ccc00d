import { processSingleton } from "../process-singleton";

/** How long after a commit the indexer starts: gathers a few hundred deliveries at 1,000/s
 *  into one segment, well inside the one-second catch-up. */
export const DELAY_MS = 250;
export const MAX_ROWS = 2000;
/** Merge pages owed per delivery written, paid between writes during a long catch-up so
 *  that no level piles up to FTS5's crisis merge (one big merge that holds the lock). */
export const MERGE_PAGES_PER_ROW = 1;
/** A write (one transaction, one FTS5 segment) may take this long while no delivery has
 *  come for a while: the larger the segment, the less merging (200-row commits cost 0.24
 *  ms per delivery in flushing and merging at 100,000 deliveries, 50-row ones 0.97). */
export const QUIET_WRITE_MS = 200;

/** The running indexer's wake-up, for routes in Next's bundle (another module copy). */
export const indexerSlot = () =>
  processSingleton("searchIndexer", () => ({ wake: null as (() => void) | null }));

export const clamp = (value: number, min: number, max: number) =>
  Math.min(max, Math.max(min, Math.round(value)));

/** A running average of what one unit (a row read, a row written, a page merged) costs. */
export function cost(initialMs: number) {
  let ms = initialMs;
  return {
    units: (budgetMs: number) => budgetMs / ms,
    learn: (tookMs: number, units: number) => {
      if (units > 0) ms = (ms + tookMs / units) / 2;
    },
  };
}
