import type { Config } from "../config";
import { jobLock } from "../db/queries/job-locks";
import { openRetentionStore } from "../db/queries/retention";
import { createPruner } from "./prune-deliveries";

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Prunes in the background when HOOKLENS_RETENTION_DAYS or HOOKLENS_MAX_DELIVERIES is set:
 * once at start, then every HOOKLENS_PRUNE_INTERVAL_MS, never two runs at once. It runs
 * under the job lock "retention" (docs/cluster.md, "Background work runs once"): on
 * PostgreSQL one instance prunes, and another takes over within a second when it dies;
 * the holder confirms it still holds the lock before each batch.
 */
export function startRetention(options: { config: Config; log?: (line: string) => void }) {
  const { config } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const maxAgeMs =
    config.HOOKLENS_RETENTION_DAYS === undefined
      ? undefined
      : config.HOOKLENS_RETENTION_DAYS * 86_400_000;
  const maxDeliveries = config.HOOKLENS_MAX_DELIVERIES;
  if (maxAgeMs === undefined && maxDeliveries === undefined) return { stop: () => {} };

  const prune = createPruner(openRetentionStore(), {
    maxAgeMs,
    maxDeliveries,
    batchSize: config.HOOKLENS_PRUNE_BATCH,
  });
  const lock = jobLock("retention");
  let running = false;
  let stopped = false;
  const between = async () => {
    await yieldToEventLoop();
    return !stopped && (await lock.confirm());
  };
  const run = async () => {
    if (running || stopped || !lock.held) return;
    running = true;
    try {
      if (!(await lock.confirm())) return;
      const started = Date.now();
      const { deleted, longestHoldMs } = await prune(between);
      if (deleted > 0) {
        log(
          `> Retention: pruned ${deleted} deliveries in ${Date.now() - started} ms (longest hold ${longestHoldMs.toFixed(1)} ms)`,
        );
      }
    } catch (error) {
      // A closed database at shutdown, or a locked one: the next run tries again.
      if (!stopped) console.error("retention run failed", error);
    } finally {
      running = false;
    }
  };
  // Runs at once when taken (at start on SQLite, where the one process holds it).
  const unsubscribe = lock.onChange((held) => {
    log(
      held
        ? "> Retention: this instance prunes"
        : "> Retention: job lock lost, another instance prunes",
    );
    if (held) void run();
  });
  const timer = setInterval(() => void run(), config.HOOKLENS_PRUNE_INTERVAL_MS);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      lock.release();
    },
  };
}
