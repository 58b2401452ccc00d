import type Database from "better-sqlite3";
import { subscribeDeliveries } from "../live/delivery-bus";
import { refreshRollups } from "./refresh-rollups";

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Keeps the stats rollups current in the background: a second after deliveries are
 * committed (so that a burst is counted in one go), and at start for whatever a previous
 * run or an upgrade left behind. One chunk per turn of the event loop, so the receiver
 * keeps its turn. Stats requests still refresh first: this only keeps their share small.
 */
export function startStatsRollups(options: { db: Database.Database; delayMs?: number }) {
  const delayMs = options.delayMs ?? 1_000;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let stopped = false;

  const run = async () => {
    timer = null;
    if (running || stopped) return;
    running = true;
    try {
      while (!stopped && refreshRollups(options.db, { maxChunks: 1 }) > 0) await yieldToEventLoop();
    } catch (error) {
      // A closed database at shutdown, or a busy one: the next delivery schedules a retry.
      if (!stopped) console.error("stats rollup refresh failed", error);
    } finally {
      running = false;
    }
  };
  const schedule = () => {
    if (timer || stopped) return;
    timer = setTimeout(() => void run(), delayMs);
    timer.unref();
  };

  const unsubscribe = subscribeDeliveries(schedule);
  schedule();
  return {
    stop: () => {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}
