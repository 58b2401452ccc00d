import { startTimelineKeeperPostgres } from "../db/queries/timeline-keeper-job";
import { subscribeDeliveries } from "../live/delivery-bus";

/**
 * The timeline keeper on PostgreSQL, under its job lock (lib/db/queries/timeline-keeper-job.ts),
 * woken a moment after deliveries: the bus carries every instance's. On SQLite
 * start-timeline-keeper.ts keeps its synchronous, paced loop.
 */
export function startTimelineKeeperJob() {
  const job = startTimelineKeeperPostgres();
  const unsubscribe = subscribeDeliveries(() => job.wake());
  return {
    stop() {
      unsubscribe();
      job.stop();
    },
  };
}
