import { z } from "zod";

/** The largest window one request may ask for: a page of steps, never a whole history. */
export const MAX_TIMELINE_LIMIT = 1000;
export const DEFAULT_TIMELINE_LIMIT = 200;

/**
 * GET /api/resources/{type}/{id}'s query: a window of the timeline, the newest `limit`
 * steps older than the delivery `before` (the newest steps without it). One schema for the
 * route and the client, so that a bad value is a 400 naming the parameter.
 */
export const timelineWindowSchema = z.object({
  endpoint: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_TIMELINE_LIMIT).default(DEFAULT_TIMELINE_LIMIT),
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

export type TimelineWindowQuery = z.output<typeof timelineWindowSchema>;

export type TimelineWindow<T> = {
  /** Oldest first. */
  steps: T[];
  /** What to pass as `before` for the steps older than these; null at the first step. */
  nextBefore: number | null;
};

/**
 * The window out of steps in delivery order, oldest first. For a full timeline read
 * in memory (a filtered one, see build-filtered-timeline.ts); kept steps are windowed in
 * SQL the same way.
 */
export function windowSteps<T>(
  steps: readonly T[],
  idOf: (step: T) => number,
  query: { limit: number; before?: number },
): TimelineWindow<T> {
  let end = steps.length;
  if (query.before !== undefined) {
    const before = query.before;
    // Steps are in id order: the first at or past `before` ends the window.
    let low = 0;
    while (low < end) {
      const middle = (low + end) >>> 1;
      if (idOf(steps[middle]!) < before) low = middle + 1;
      else end = middle;
    }
  }
  const start = Math.max(0, end - query.limit);
  return {
    steps: steps.slice(start, end),
    nextBefore: start > 0 ? idOf(steps[start]!) : null,
  };
}
