import { pause, startPacedJob } from "../ingest/paced-job";
import type { ReceiverPressure } from "../ingest/receiver-pressure";
import {
  clamp,
  cost,
  DELAY_MS,
  indexerSlot,
  MAX_ROWS,
  MERGE_PAGES_PER_ROW,
  QUIET_WRITE_MS,
} from "./index-pacing";
import type { IndexStepResult } from "./search-index-step";
import type { SearchWorker } from "./search-worker";

/** What one step may take of the worker's time while deliveries come in, and while the
 *  receiver is saturated. Its write (about a third of it: reading is the rest) holds the
 *  write lock, and the receiver's commits wait that long at most for it. */
const STEP_MS = 100;
const BUSY_STEP_MS = 10;
/** The part of its time the worker may work while the receiver keeps up: its reads take
 *  a core the receiver's loop does not use, its writes make the receiver's commits wait,
 *  but nothing else waits (the loop goes on, and the next commit takes what arrived).
 *  Behind (its last step was as large as its budget allowed, so more is waiting), it
 *  works more of the time: at an open 1,000/s a step log showed every step full at 0.75,
 *  the backlog of one rest draining at a few hundred deliveries a second. */
const KEEPING_UP_DUTY = 0.75;
const BEHIND_DUTY = 0.9;
const QUIET_DUTY = 0.9;
/** Below this much idle time in the receiver's loop (outside its waits for the lock:
 *  lib/ingest/receiver-pressure.ts) the receiver may be saturated: every wait for the
 *  lock is then a delivery not received (a closed-loop load), and every core the worker
 *  takes is the receiver's or its clients', so the worker works half the background share.
 *  At an open 1,000/s the loop idles 3-12% (p10-p50): at 0.05 the worker took that for
 *  saturation in 11 of 70 steps, resting up to 1 s each (lag p95 11.2 s), at 0.02 in 2
 *  (3.1 s), in adjacent runs. */
const KEEPING_UP_IDLE = 0.02;
/** How long the loop must stay under KEEPING_UP_IDLE before the receiver counts as
 *  saturated. A closed-loop load keeps it there for as long as it lasts; a receiver
 *  keeping up with an open 1,000/s dips under it for a window or two now and then (two to
 *  four dips in 20 s in a step log, each answered by a 1 s rest: 1,000 deliveries of
 *  backlog, and the lag's p95 at 1.3-3.7 s). */
export const SATURATED_AFTER_MS = 1500;
/** The longest rest: a step that took long because the machine was busy (the worker's
 *  thread waiting for a core) must not stop the index for many seconds after it. */
const MAX_REST_MS = 1000;

/** How the worker paces itself for its next rest: the receiver saturated (for a while),
 *  and whether the worker is behind. */
export type Pace = { saturated: boolean; behind: boolean };

/** Says, at each step, whether the receiver has been saturated for SATURATED_AFTER_MS:
 *  its loop under KEEPING_UP_IDLE all that time, deliveries coming. */
export function watchSaturation(now: () => number = () => performance.now()) {
  let lowSince: number | null = null;
  return (pressure: ReceiverPressure): boolean => {
    if (pressure.quiet() || pressure.idle() >= KEEPING_UP_IDLE) {
      lowSince = null;
      return false;
    }
    lowSince ??= now();
    return now() - lowSince >= SATURATED_AFTER_MS;
  };
}

/** How long the worker rests after a step: the step's time, scaled by the part of the
 *  time it may work. */
export function restAfter(done: IndexStepResult, pressure: ReceiverPressure, pace: Pace): number {
  const busy = done.readMs + done.writeMs + done.mergeMs;
  const duty = pressure.quiet()
    ? QUIET_DUTY
    : pace.saturated
      ? pressure.overall() / 2
      : pace.behind
        ? BEHIND_DUTY
        : KEEPING_UP_DUTY;
  return Math.min(MAX_REST_MS, (busy * (1 - duty)) / duty);
}

/**
 * The background indexer when its work runs in the search worker (lib/search/search-worker.ts):
 * this side only decides each step's size and how long to rest after it, by the receiver
 * pressure gauge. It takes none of the loop's share (the keeper keeps all of it); its cost
 * to the receiver is the time the receiver's commits wait for the worker's write lock,
 * which the gauge counts as the receiver's need.
 */
export function startWorkerIndexing(worker: SearchWorker) {
  const perRow = cost(0.5);
  const perPage = cost(0.3);
  /** Merge pages owed for what was written; after a catch-up, everything left (FTS5's
   *  levels of 4 segments), slice by slice until a merge finds nothing. */
  let mergeOwed = 0;
  const saturatedNow = watchSaturation();
  const job = startPacedJob({
    failure: "search index refresh failed",
    delayMs: DELAY_MS,
    offLoop: true,
    step: async (pressure) => {
      const saturated = saturatedNow(pressure);
      const budget = pressure.quiet() ? QUIET_WRITE_MS : saturated ? BUSY_STEP_MS : STEP_MS;
      const maxRows = clamp(perRow.units(budget), 1, MAX_ROWS);
      const mergePages =
        mergeOwed > 0 ? clamp(Math.min(mergeOwed, perPage.units(budget / 2)), 16, 4000) : 0;
      const done = await worker.step({ maxRows, mergePages });
      perRow.learn(done.readMs + done.writeMs, done.rows);
      if (mergePages > 0) {
        perPage.learn(done.mergeMs, mergePages);
        mergeOwed = done.merged ? mergeOwed - mergePages : 0;
      }
      if (done.written > 0) mergeOwed += done.rows * MERGE_PAGES_PER_ROW;
      else if (done.caughtUp && mergeOwed === 0) return false;
      if (done.caughtUp) mergeOwed = Number.POSITIVE_INFINITY;
      await pause(restAfter(done, pressure, { saturated, behind: done.rows >= maxRows }));
      return true;
    },
    onError: () => (mergeOwed = 0),
  });
  indexerSlot().wake = job.wake;
  return {
    stop: () => {
      indexerSlot().wake = null;
      job.stop();
      worker.stop();
    },
  };
}
