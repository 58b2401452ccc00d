import { timelineKeeperProgress } from "../db/queries/timelines";

export type TimelineKeeperStatus = {
  /** Every delivery up to this id has its timeline step kept. */
  kept_through: number;
  newest_delivery_id: number;
};

/** GET /api/resources/timeline-steps: how far the background timeline keeper has come. */
export function getTimelineKeeperStatus(): Promise<TimelineKeeperStatus> {
  return timelineKeeperProgress();
}
