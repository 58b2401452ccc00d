import { jobLock } from "../db/queries/job-locks";
import { refreshRollups } from "../db/queries/stats-rollups";
import { subscribeDeliveries } from "../live/delivery-bus";

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Keeps the stats rollups current in the background: a second after deliveries are
 * committed (so that a burst is counted in one go), and at start for whatever a previous
 * run or an upgrade left behind. One chunk per turn of the event loop, so the receiver
 * keeps its turn. On SQLite stats requests still refresh first: this only keeps their
 * share small. On PostgreSQL it runs on one instance at a time, under the job lock
 * "stats-rollups" (docs/cluster.md, "Background work runs once"), and comes back a second
 * later while ids wait to settle (lib/db/queries/stats-rollups.ts); the delivery bus
 * carries every instance's deliveries there, so the holder hears them all.
 */
export function startStatsRollups(options: { delayMs?: number } = {}) {
  const delayMs = options.delayMs ?? 1_000;
  const lock = jobLock("stats-rollups");
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let stopped = false;

  const run = async () => {
    timer = null;
    if (running || stopped) return;
    running = true;
    let again = false;
    try {
      while (!stopped && (await lock.confirm())) {
        const { covered, waiting } = await refreshRollups({ maxChunks: 1 });
        if (covered === 0) {
          again = waiting;
          break;
        }
        await yieldToEventLoop();
      }
    } catch (error) {
      // A closed database at shutdown, or a busy one: the next delivery schedules a retry.
      if (!stopped) console.error("stats rollup refresh failed", error);
    } finally {
      running = false;
      if (again) schedule();
    }
  };
  const schedule = () => {
    if (timer || stopped || !lock.held) return;
    timer = setTimeout(() => void run(), delayMs);
    timer.unref();
  };

  const unsubscribe = subscribeDeliveries(schedule);
  const unwatch = lock.onChange((held) => held && schedule());
  return {
    stop: () => {
      stopped = true;
      unsubscribe();
      unwatch();
      lock.release();
      if (timer) clearTimeout(timer);
    },
  };
}
