import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { subscribeDeliveries } from "../live/delivery-bus";
import { indexSearchStep } from "./search-index-sqlite";

/** Deliveries per transaction: a few milliseconds, so the receiver never waits long. */
const CHUNK = 100;
/** How long after a commit the indexer starts: well inside the one-second catch-up. */
const DELAY_MS = 100;
/** Above this event-loop use the receiver is saturated: the indexer takes a small share. */
const BUSY = 0.8;
const BUSY_SHARE = 0.08;

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
 * upgraded database, a rebuild). One small chunk per turn of the event loop; while the
 * receiver keeps the loop busy (a burst above what this machine sustains), the indexer
 * waits between chunks so that it takes about BUSY_SHARE of the time, and catches up
 * once the burst is over. Searches stay complete meanwhile: deliveries past the
 * watermark are checked from their bodies.
 */
export function startSearchIndex(options: { db: Database.Database; chunk?: number }) {
  const chunk = options.chunk ?? CHUNK;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let stopped = false;

  const run = async () => {
    timer = null;
    if (running || stopped) return;
    running = true;
    try {
      let last = performance.eventLoopUtilization();
      for (;;) {
        const started = performance.now();
        if (stopped || indexSearchStep(options.db, chunk) === 0) break;
        const spent = performance.now() - started;
        const now = performance.eventLoopUtilization();
        const busy = performance.eventLoopUtilization(now, last).utilization > BUSY;
        last = now;
        await pause(busy ? (spent * (1 - BUSY_SHARE)) / BUSY_SHARE : 0);
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
