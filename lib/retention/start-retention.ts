import type Database from "better-sqlite3";
import type { Config } from "../config";
import { createPruner } from "./prune-deliveries";

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Prunes in the background when HOOKLENS_RETENTION_DAYS or HOOKLENS_MAX_DELIVERIES is set:
 * once at start, then every HOOKLENS_PRUNE_INTERVAL_MS, never two runs at once.
 */
export function startRetention(options: {
  db: Database.Database;
  config: Config;
  log?: (line: string) => void;
}) {
  const { config } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const maxAgeMs =
    config.HOOKLENS_RETENTION_DAYS === undefined
      ? undefined
      : config.HOOKLENS_RETENTION_DAYS * 86_400_000;
  const maxDeliveries = config.HOOKLENS_MAX_DELIVERIES;
  if (maxAgeMs === undefined && maxDeliveries === undefined) return { stop: () => {} };

  const prune = createPruner(options.db, {
    maxAgeMs,
    maxDeliveries,
    batchSize: config.HOOKLENS_PRUNE_BATCH,
  });
  let running = false;
  let stopped = false;
  const run = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const started = Date.now();
      const { deleted, longestHoldMs } = await prune(yieldToEventLoop);
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
  const timer = setInterval(() => void run(), config.HOOKLENS_PRUNE_INTERVAL_MS);
  timer.unref();
  void run();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
