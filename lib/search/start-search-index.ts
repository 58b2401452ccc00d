import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { startPacedJob } from "../ingest/paced-job";
import {
  clamp,
  cost,
  DELAY_MS,
  indexerSlot,
  MAX_ROWS,
  MERGE_PAGES_PER_ROW,
  QUIET_WRITE_MS,
} from "./index-pacing";
import { mergeSearchIndex, takeOverSearchMerging } from "./search-index-merge";
import {
  MAX_BATCH_CHARS,
  readSearchBatch,
  searchWatermark,
  writeSearchBatch,
  type SearchBatch,
} from "./search-index-sqlite";
import type { SearchWorker } from "./search-worker";
import { repairSearchIndex } from "./repair-search-index";
import { startWorkerIndexing } from "./start-worker-indexing";

/** How long one step (a read, a write or a merge slice) may hold the event loop, and while
 *  the receiver is saturated. Sizes follow from what the last steps cost per row or page. */
const STEP_MS = 25;
const BUSY_STEP_MS = 8;
/** A write (one transaction, one FTS5 segment) may take this many steps' time, or
 *  QUIET_WRITE_MS while no delivery has come for a while (at server start, 2-step writes
 *  spent 37% of a catch-up in merges). */
const WRITE_STEPS = 2;

/** Wakes the running indexer (the server's, from a route in Next's bundle). */
export function requestSearchIndexing() {
  indexerSlot().wake?.();
}

/**
 * Keeps the payload search index current off the receiver's path: a moment after
 * deliveries are committed, and at start for whatever is not indexed yet (a new or
 * upgraded database, a rebuild). The server's runs in a worker thread
 * (start-worker-indexing.ts). In process (tests, tools), it reads deliveries into index
 * rows in short steps without the write lock, writes them as one transaction once caught
 * up or once the batch is as large as a write may be, and merges FTS5's segments in
 * bounded slices. Between steps it pauses so that it takes the share of the loop the
 * receiver pressure gauge allows (lib/ingest/receiver-pressure.ts, shared with the forward
 * sender): almost none while the receiver is saturated, most of what is idle otherwise.
 * Searches stay complete meanwhile: deliveries past the watermark are checked from their
 * bodies.
 */
export function startSearchIndex(options: {
  db: Database.Database;
  chunk?: number;
  /** Does the work in a worker thread (lib/search/search-worker.ts); in process when
   *  absent, paced like the rest. */
  worker?: SearchWorker;
}) {
  const { db } = options;
  if (repairSearchIndex(db))
    console.log("> The payload search index was missing: building it again.");
  takeOverSearchMerging(db);
  if (options.worker) return startWorkerIndexing(options.worker);
  const reading = cost(0.3);
  const writing = cost(0.15);
  const merging = cost(0.3);

  let batch: SearchBatch | null = null;
  /** The batch's terms: it is written once they reach what one read may hold, so that a
   *  catch-up of large deliveries never gathers more than that in this heap either. */
  let batchChars = 0;
  const full = (writeRows: number) =>
    batch !== null && (batch.rows.length >= writeRows || batchChars >= MAX_BATCH_CHARS);
  /** The last read found nothing new: write (or merge) before reading again. */
  let caughtUp = false;
  let mergeOwed = Number.POSITIVE_INFINITY;
  /** Adds what a read found; true when it found nothing past the batch (caught up). */
  const take = (more: SearchBatch | null): boolean => {
    if (!more) return true;
    for (const row of more.rows) batchChars += row.terms.length;
    batch = batch ? { ...batch, through: more.through, rows: [...batch.rows, ...more.rows] } : more;
    return false;
  };
  /** Up to `owed` pages of merging within the budget; how many (0: nothing to merge). */
  const merge = (budgetMs: number, started: number, owed: number): number => {
    const pages = Math.min(owed, clamp(merging.units(budgetMs), 16, 4000));
    if (!mergeSearchIndex(db, pages)) return 0;
    merging.learn(performance.now() - started, pages);
    return pages;
  };
  /** One step of work within `budgetMs` (a write within `writeMs`); false once nothing is
   *  left to do. */
  const step = (budgetMs: number, writeMs: number, quiet: boolean): boolean => {
    const started = performance.now();
    const writeRows = clamp(writing.units(writeMs), 1, MAX_ROWS);
    const room = writeRows - (batch?.rows.length ?? 0);
    // While deliveries come in, merging waits for the gaps between them (below), so that
    // reading them comes first.
    if (quiet && mergeOwed > 0 && mergeOwed !== Number.POSITIVE_INFINITY && batch === null) {
      const pages = merge(budgetMs, started, mergeOwed);
      mergeOwed = pages > 0 ? mergeOwed - pages : 0;
      return true;
    }
    if (!caughtUp && room > 0 && !full(writeRows)) {
      const after = batch?.through ?? searchWatermark(db);
      const more = readSearchBatch(
        db,
        after,
        options.chunk ?? clamp(Math.min(room, reading.units(budgetMs)), 1, MAX_ROWS),
      );
      if (more) reading.learn(performance.now() - started, more.rows.length);
      caughtUp = take(more);
      if (!caughtUp && !full(writeRows)) return true;
    }
    if (batch) {
      const writeStarted = performance.now();
      const written: SearchBatch = batch;
      batch = null;
      batchChars = 0;
      caughtUp = false;
      if (writeSearchBatch(db, written) > 0) mergeOwed = written.rows.length * MERGE_PAGES_PER_ROW;
      writing.learn(performance.now() - writeStarted, written.rows.length);
      return true;
    }
    // Caught up: merge what is left, slice by slice, then rest (the next run reads again).
    caughtUp = false;
    return merge(budgetMs, started, Number.POSITIVE_INFINITY) > 0;
  };

  const job = startPacedJob({
    failure: "search index refresh failed",
    delayMs: DELAY_MS,
    step: (pressure) => {
      const budget = pressure.saturated() ? BUSY_STEP_MS : STEP_MS;
      const quiet = pressure.quiet();
      return step(budget, quiet ? QUIET_WRITE_MS : budget * WRITE_STEPS, quiet);
    },
    onError: () => {
      batch = null;
      batchChars = 0;
      caughtUp = false;
    },
  });
  indexerSlot().wake = job.wake;
  return {
    stop: () => {
      indexerSlot().wake = null;
      job.stop();
    },
  };
}
