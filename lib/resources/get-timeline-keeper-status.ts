import { getDatabase } from "../db/sqlite";
import { keptThrough } from "./keep-timeline-steps";

export type TimelineKeeperStatus = {
  /** Every delivery up to this id has its timeline step kept. */
  kept_through: number;
  newest_delivery_id: number;
};

/** GET /api/resources/timeline-steps: how far the background timeline keeper has come. */
export function getTimelineKeeperStatus(): TimelineKeeperStatus {
  const db = getDatabase();
  const newest = db.prepare("SELECT max(id) FROM deliveries").pluck().get() as number | null;
  return { kept_through: keptThrough(db), newest_delivery_id: newest ?? 0 };
}
