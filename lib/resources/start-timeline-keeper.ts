import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { pause, startPacedJob } from "../ingest/paced-job";
import { sweepEndpointTimelines } from "./keep-endpoint-timelines";
import { keepTimelineBatch, keptThrough, sweepUnkeptSteps } from "./keep-timeline-steps";

/** How long one batch may hold the event loop, and while the receiver is saturated. */
const STEP_MS = 25;
const BUSY_STEP_MS = 8;
const MAX_BATCH = 2000;
/** How long one piece of the start-up sweep may hold the loop: a request that comes
 *  meanwhile waits for at most this (at 1M, 20,000 ids a piece held it 37 ms). */
const SWEEP_STEP_MS = 4;
/** Delivery ids a sweep piece looks through at most, and at least. */
const MAX_SWEEP_SPAN = 50_000;
const MIN_SWEEP_SPAN = 200;
/** How long after a commit the keeper starts: a burst is kept in a few batches. */
const DELAY_MS = 200;

/**
 * Keeps timeline steps current off the receiver's path: a moment after deliveries are
 * committed, and at start for whatever has no kept step yet (a new or upgraded
 * database: past the watermark; a restored one: a sweep of the ids behind it, once).
 * Batches are sized from what the last ones cost per delivery, and between them it pauses so that it takes only the share of the event loop the receiver pressure
 * gauge allows (lib/ingest/receiver-pressure.ts): what waits is durable (a watermark),
 * and a reader who comes first keeps the few steps it needs itself.
 */
export function startTimelineKeeper(options: { db: Database.Database }) {
  const { db } = options;
  let msPerDelivery = 0.5;
  /** What the sweep cost per id looked through (an index probe each: ~2 us at 1M). */
  let msPerSweptId = 0.002;
  /** The start-up sweep for deliveries without a kept step is not done yet. */
  let sweeping = true;
  return startPacedJob({
    failure: "timeline keeper failed",
    delayMs: DELAY_MS,
    step: (pressure) => {
      const budget = pressure.saturated() ? BUSY_STEP_MS : STEP_MS;
      const limit = Math.max(1, Math.min(MAX_BATCH, Math.round(budget / msPerDelivery)));
      const started = performance.now();
      const { read, more } = keepTimelineBatch(db, limit);
      if (read > 0) msPerDelivery = (msPerDelivery + (performance.now() - started) / read) / 2;
      // Endpoints' own timelines of resources several endpoints sent, not yet caught up.
      const endpointsBehind = sweepEndpointTimelines(db, limit);
      // A piece of the start-up sweep once the watermark is current, sized from what the
      // last pieces cost to a few ms: a request never waits long behind it, and it goes
      // on from where the last start left it (a settings row).
      if (sweeping && !more) {
        const ms = Math.min(budget, SWEEP_STEP_MS);
        const span = Math.round(
          Math.max(MIN_SWEEP_SPAN, Math.min(MAX_SWEEP_SPAN, ms / msPerSweptId)),
        );
        const before = performance.now();
        sweeping = sweepUnkeptSteps(db, span);
        msPerSweptId = (msPerSweptId + (performance.now() - before) / span) / 2;
      }
      return more || sweeping || endpointsBehind;
    },
  });
}

/**
 * Keeps every delivery stored when called, in batches with the event loop's turn between
 * them: for a reader that needs all kept steps (the field-change search), not one
 * resource's.
 */
export async function keepAllTimelineSteps(db: Database.Database): Promise<void> {
  const target = db.prepare("SELECT max(id) FROM deliveries").pluck().get() as number | null;
  while (keptThrough(db) < (target ?? 0)) {
    keepTimelineBatch(db, 500);
    await pause(0);
  }
}
