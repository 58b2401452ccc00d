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
/** Between steps the indexer pauses (a ninth of its step, so that it takes SHARE of the
 *  time) and watches the loop meanwhile: when deliveries were committed and everything
 *  else (the receiver, the API) kept it busy for more than BUSY of the pause, the
 *  receiver is saturated and the indexer takes BUSY_SHARE of the time until it is not. */
const SHARE = 0.9;
const BUSY_SHARE = 0.05;
const BUSY = 0.5;

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
 * upgraded database, a rebuild). Steps of about STEP_MS with short pauses; while the
 * receiver keeps the loop busy in those pauses (a burst above what this machine
 * sustains), steps are smaller and the indexer waits so that it takes about BUSY_SHARE of
 * the time, and catches up once the burst is over. Busy means busy with everything but
 * the indexer: counting its own steps made it throttle itself to a few hundred
 * deliveries a second with no traffic at all. Searches stay
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
      let busy = false;
      for (;;) {
        const started = performance.now();
        const indexed = stopped
          ? 0
          : indexSearchStep(options.db, rowsFor(busy ? BUSY_STEP_MS : STEP_MS));
        if (indexed === 0) break;
        const own = performance.now() - started;
        msPerRow = (msPerRow + own / indexed) / 2;
        // Back to back the loop never idles, so only a pause tells whether others need it.
        const share = busy ? BUSY_SHARE : SHARE;
        // Busy needs deliveries committed meanwhile: a garbage collection alone can fill a
        // pause of a few milliseconds, and with no traffic must never slow the catch-up.
        const before = performance.eventLoopUtilization();
        const received = committed;
        await pause(Math.max(1, (own * (1 - share)) / share));
        busy = committed > received && performance.eventLoopUtilization(before).utilization > BUSY;
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

  let committed = 0;
  const unsubscribe = subscribeDeliveries((items) => {
    committed += items.length;
    schedule();
  });
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
