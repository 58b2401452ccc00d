import { jobLock } from "../db/queries/job-locks";
import { indexSearchChunk } from "../db/queries/search-index";
import { subscribeDeliveries } from "../live/delivery-bus";
import { pause } from "../ingest/paced-job";
import { indexerSlot } from "./index-pacing";

/** Deliveries one step reads and cuts into lexemes: ~0.3 ms each in this process. */
const STEP_ROWS = 200;
/** The part of its time the job may work while behind: the rest is the receiver's loop. */
const DUTY = 0.5;
/** How often the holder looks for what it was not told of: ids waiting to settle, and a
 *  rebuild asked for through another instance. */
const LOOK_MS = 2_000;
/** What the start log says when this instance takes the lock (the cluster test waits for it). */
export const INDEXES = "> Search index: this instance keeps it (job lock search-index)";

/**
 * The payload search index on PostgreSQL (cluster mode): one instance at a time keeps it
 * current, the one holding the job lock "search-index" (docs/cluster.md, "Background work
 * runs once"), taken over within a second or two when that instance dies. It runs in the
 * main thread with async pg rather than in a worker as on SQLite: there the worker was
 * for the FTS5 write, which held the receiver's event loop and database lock, and on
 * PostgreSQL the write (the GIN insert) is the server's work; what stays here, cutting
 * each delivery into terms, gives the loop back every few ms and rests as long as it
 * worked while behind. A second after deliveries (the bus carries every instance's), at
 * start, and every LOOK_MS while it holds the lock; searches stay complete meanwhile
 * (deliveries past the watermark are checked from their bodies).
 */
export function startSearchIndexJob(options: { lookMs?: number } = {}) {
  const lock = jobLock("search-index");
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let stopped = false;

  const run = async () => {
    timer = null;
    if (running || stopped) return;
    running = true;
    try {
      while (!stopped && (await lock.confirm())) {
        const started = performance.now();
        const step = await indexSearchChunk(STEP_ROWS);
        if (step.caughtUp || step.written === 0) break;
        await pause(((performance.now() - started) * (1 - DUTY)) / DUTY);
      }
    } catch (error) {
      if (!stopped) console.error("search index refresh failed", error);
    } finally {
      running = false;
      schedule(options.lookMs ?? LOOK_MS);
    }
  };
  const schedule = (delayMs = 1_000) => {
    if (stopped || !lock.held) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), delayMs);
    timer.unref();
  };

  const unsubscribe = subscribeDeliveries(() => {
    if (!timer && !running) schedule();
  });
  const unwatch = lock.onChange((held) => {
    if (!held) return;
    console.log(INDEXES);
    schedule(0);
  });
  indexerSlot().wake = () => schedule(0);
  return {
    stop: () => {
      stopped = true;
      indexerSlot().wake = null;
      unsubscribe();
      unwatch();
      lock.release();
      if (timer) clearTimeout(timer);
    },
  };
}
