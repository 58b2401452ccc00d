import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { subscribeDeliveries } from "../live/delivery-bus";
import { indexSearchStep } from "./search-index-sqlite";

/** How long one step (one transaction) may hold the event loop: while receiving is light,
 *  and while the receiver keeps the loop busy. A step's size follows from the time a
 *  delivery took in the previous one (0.2-0.6 ms here), between MIN_ROWS and MAX_ROWS. */
const STEP_MS = 25;
const BUSY_STEP_MS = 8;
const MIN_ROWS = 50;
const MAX_ROWS = 2000;
/** How long after a commit the indexer starts: well inside the one-second catch-up. */
const DELAY_MS = 100;
/** When everything else (the receiver, the API) used more than this share of the event
 *  loop over the last window, the receiver is saturated: the indexer takes a small share. */
const BUSY = 0.5;
const WINDOW_MS = 100;
const BUSY_SHARE = 0.05;

const KEY = Symbol.for("hooklens.searchIndexer");
type Holder = { [KEY]?: () => void };

/** Wakes the running indexer (the server's, from a route in Next's bundle). */
export function requestSearchIndexing() {
  (globalThis as Holder)[KEY]?.();
}

const pause = (ms: number) =>
  new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/**
 * Keeps the payload search index current off the receiver's path: a moment after
 * deliveries are committed, and at start for whatever is not indexed yet (a new or
 * upgraded database, a rebuild). One step per turn of the event loop; while the receiver
 * keeps the loop busy (a burst above what this machine sustains), steps are smaller and
 * the indexer waits between them so that it takes about BUSY_SHARE of the time, and
 * catches up once the burst is over. Busy means busy with everything but the indexer:
 * its own steps fill the loop while it catches up, and counting them made it throttle
 * itself to a few hundred deliveries a second with no traffic at all. Searches stay
 * complete meanwhile: deliveries past the watermark are checked from their bodies.
 */
export function startSearchIndex(options: { db: Database.Database; chunk?: number }) {
  let msPerRow = 0.5;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let stopped = false;

  const rowsFor = (budgetMs: number) =>
    options.chunk ?? Math.min(MAX_ROWS, Math.max(MIN_ROWS, Math.round(budgetMs / msPerRow)));

  const run = async () => {
    timer = null;
    if (running || stopped) return;
    running = true;
    try {
      // Busy is judged over windows of WINDOW_MS from what the loop did besides the
      // indexer's own steps: while it runs back to back the loop never waits, so its idle
      // time says nothing, but what others did in it does.
      let window = { at: performance.now(), loop: performance.eventLoopUtilization(), own: 0 };
      let busy = false;
      for (;;) {
        const started = performance.now();
        const indexed = stopped
          ? 0
          : indexSearchStep(options.db, rowsFor(busy ? BUSY_STEP_MS : STEP_MS));
        if (indexed === 0) break;
        const own = performance.now() - started;
        msPerRow = (msPerRow + own / indexed) / 2;
        window.own += own;
        const elapsed = performance.now() - window.at;
        if (elapsed >= WINDOW_MS) {
          const loop = performance.eventLoopUtilization();
          const { active } = performance.eventLoopUtilization(loop, window.loop);
          busy = (active - window.own) / elapsed > BUSY;
          window = { at: performance.now(), loop, own: 0 };
        }
        await pause(busy ? (own * (1 - BUSY_SHARE)) / BUSY_SHARE : 0);
      }
    } catch (error) {
      // A closed database at shutdown, or a busy one: the next delivery schedules a retry.
      if (!stopped) console.error("search index refresh failed", error);
    } finally {
      running = false;
    }
  };
  const schedule = () => {
    if (timer || stopped) return;
    timer = setTimeout(() => void run(), DELAY_MS);
    timer.unref();
  };

  const unsubscribe = subscribeDeliveries(schedule);
  (globalThis as Holder)[KEY] = schedule;
  schedule();
  return {
    stop: () => {
      stopped = true;
      delete (globalThis as Holder)[KEY];
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}
