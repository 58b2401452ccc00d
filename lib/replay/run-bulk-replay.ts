import "server-only";
import type { JobLock } from "../db/queries/job-locks";
import { getPrisma } from "../db/prisma";
import type { DeliveryFilter } from "../events/delivery-filter";
import { ApiError } from "../http/api-error";
import { buildReplayRequest, type ReplayRecipe } from "./build-replay-request";
import { cancelBulk, publishBulk, runRegistered } from "./bulk-registry";
import { bulkTargets } from "./bulk-targets";
import type { BulkState, BulkView } from "./bulk-view";
import { deliverReplay } from "./deliver-replay";
import { formatReplayError } from "./replay-error";
import { runInLanes } from "./run-in-lanes";
import { replaySummary, summaryOf, type ReplaySummary } from "./replay-view";

export type BulkJob = {
  bulk: BulkView;
  filter: DeliveryFilter;
  maxId: number;
  /** A bulk replay has no edited mode. */
  recipe: Exclude<ReplayRecipe, { mode: "edited" }>;
  timeoutMs?: number;
  /** Taken over from an instance that stopped: sends what has no result yet. */
  resumed?: boolean;
};

const PROGRESS_EVERY_MS = 200;

/** A delivery the mode cannot render (an unparsed one in endpoint mode) is a result too. */
async function recordSkipped(
  job: BulkJob,
  deliveryId: number,
  reason: string,
): Promise<ReplaySummary> {
  const row = await getPrisma().replay.create({
    data: {
      deliveryId,
      bulkId: job.bulk.id,
      url: job.bulk.url,
      mode: job.bulk.mode,
      endpointId: job.bulk.endpoint_id,
      requestHeaders: "[]",
      requestBody: new Uint8Array(0),
      error: formatReplayError({ code: "skipped", message: reason }),
    },
  });
  return replaySummary(row);
}

async function replayOne(
  job: BulkJob,
  deliveryId: number,
  signal: AbortSignal,
): Promise<ReplaySummary | null> {
  const { recipe } = job;
  try {
    const request = await buildReplayRequest({ deliveryId, recipe });
    const view = await deliverReplay({
      deliveryId,
      url: job.bulk.url,
      mode: recipe.mode,
      endpointId: job.bulk.endpoint_id,
      request,
      timeoutMs: job.timeoutMs,
      bulkId: job.bulk.id,
      signal,
      recordBlocked: true,
    });
    return summaryOf(view);
  } catch (error) {
    if (error instanceof ApiError && error.code === "invalid_input")
      return recordSkipped(job, deliveryId, error.message);
    if (error instanceof ApiError && error.code === "not_found") return null; // pruned since the count
    throw error;
  }
}

/** What a run ended in: the bulk is finished (its row says how), or this instance lost the
 *  bulk's job lock and stopped sending, leaving the bulk to the instance that took it. */
export type BulkEnd = "finished" | "yielded";

/** On PostgreSQL, how often a running bulk checks its job lock and whether another
 *  instance asked to cancel it (its row's state). */
const CHECK_EVERY_MS = 250;

/**
 * Sends every matching delivery, oldest first, with at most `concurrency` in flight (one
 * per resource at a time), and keeps the bulk row's counters and its live listeners up to
 * date. Cancelling stops new sends and aborts those in flight (they are recorded as
 * cancelled). A bulk taken over (`job.resumed`) sends only the targets it has no result
 * for, counting on from the results recorded.
 *
 * Across instances (PostgreSQL), `lock` is the bulk's job lock: a run hears at once when
 * its connection ends, confirms it, and reads its row for a cancel asked on another
 * instance, every CHECK_EVERY_MS. Once the lock is lost it sends nothing more, lets the
 * sends in flight finish and record, and answers "yielded" without touching the row.
 */
export function runBulkReplay(job: BulkJob, control: { lock?: JobLock } = {}): Promise<BulkEnd> {
  let end: BulkEnd = "finished";
  return runRegistered(job.bulk.id, async (signal) => {
    const prisma = getPrisma();
    const counts = { sent: job.bulk.sent, succeeded: job.bulk.succeeded, failed: job.bulk.failed };
    let publishedAt = 0;
    let lost = false;
    const progress = (state: BulkState, finishedAt: string | null = null) =>
      publishBulk(job.bulk.id, {
        type: "progress",
        bulk: { ...job.bulk, ...counts, state, finished_at: finishedAt },
      });
    const { lock } = control;
    const checks = lock
      ? watchBulk(job.bulk.id, lock, {
          lost: () => (lost = true),
          cancelled: () => void cancelBulk(job.bulk.id),
        })
      : null;

    const send = async (deliveryId: number) => {
      const result = await replayOne(job, deliveryId, signal);
      counts.sent += 1;
      if (result?.ok) counts.succeeded += 1;
      else counts.failed += 1;
      if (result) publishBulk(job.bulk.id, { type: "result", replay: result });
      // Counters reach the row and the listeners a few times a second, not per send.
      if (!lost && Date.now() - publishedAt >= PROGRESS_EVERY_MS) {
        publishedAt = Date.now();
        progress("running");
        await prisma.bulkReplay.update({ where: { id: job.bulk.id }, data: { ...counts } });
      }
    };
    let state: BulkState = "done";
    try {
      // One resource's deliveries go one at a time in the order received; only different
      // resources share the concurrency (issue 13.12).
      await runInLanes({
        next: bulkTargets(job.filter, job.maxId, job.resumed ? { unsentOf: job.bulk.id } : {}),
        laneOf: (target) => target.resourceKey,
        run: (target) => send(target.id),
        concurrency: job.bulk.concurrency,
        stopped: () => signal.aborted || lost,
      });
      if (signal.aborted) state = "cancelled";
    } catch (error) {
      console.error(error);
      state = "failed";
    } finally {
      checks?.stop();
    }
    if (lost && !signal.aborted) {
      end = "yielded";
      return;
    }
    const finishedAt = new Date();
    await prisma.bulkReplay.update({
      where: { id: job.bulk.id },
      data: { ...counts, state, finishedAt },
    });
    progress(state, finishedAt.toISOString());
  }).then(() => end);
}

/** Every CHECK_EVERY_MS while a bulk runs: its job lock still held, and its row not
 *  cancelled by another instance (cancel-bulk-replay.ts sets the state in the database). */
function watchBulk(
  id: number,
  lock: JobLock,
  on: { lost: () => void; cancelled: () => void },
): { stop: () => void } {
  const unwatch = lock.onChange((held) => held || on.lost());
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    void (async () => {
      if (!(await lock.confirm())) return on.lost();
      const row = await getPrisma().bulkReplay.findUnique({
        where: { id },
        select: { state: true },
      });
      if (row?.state === "cancelled") on.cancelled();
    })()
      .catch((error: unknown) => console.error("bulk replay", id, "check:", error))
      .finally(() => (checking = false));
  }, CHECK_EVERY_MS);
  return {
    stop: () => {
      clearInterval(timer);
      unwatch();
    },
  };
}
