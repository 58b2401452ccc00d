import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { startPacedJob } from "../ingest/paced-job";
import { processSingleton } from "../process-singleton";
import { mergeSearchIndex, takeOverSearchMerging } from "./search-index-merge";
import {
  MAX_BATCH_CHARS,
  readSearchBatch,
  searchWatermark,
  writeSearchBatch,
  type SearchBatch,
} from "./search-index-sqlite";
import type { SearchReader } from "./search-reader";
import { repairSearchIndex } from "./repair-search-index";

/** How long one step (a read, a write or a merge slice) may hold the event loop, and while
 *  the receiver is saturated. Sizes follow from what the last steps cost per row or page. */
const STEP_MS = 25;
const BUSY_STEP_MS = 8;
/** A write (one transaction, one FTS5 segment) may take this many steps' time, or
 *  QUIET_WRITE_MS while no delivery has come for a while: the larger the segment, the less
 *  merging (200-row commits cost 0.24 ms per delivery in flushing and merging at 100,000
 *  deliveries, 50-row ones 0.97; at server start, 2-step writes spent 37% of a catch-up
 *  in merges). */
const WRITE_STEPS = 2;
const QUIET_WRITE_MS = 200;
const MAX_ROWS = 2000;
/** Merge pages owed per delivery written, paid between writes during a long catch-up so
 *  that no level piles up to FTS5's crisis merge (one big merge that holds the loop). */
const MERGE_PAGES_PER_ROW = 1;
/** How long after a commit the indexer starts: gathers a few hundred deliveries at 1,000/s
 *  into one segment, well inside the one-second catch-up. */
const DELAY_MS = 250;

/** The running indexer's wake-up, for routes in Next's bundle (another module copy). */
const indexerSlot = () =>
  processSingleton("searchIndexer", () => ({ wake: null as (() => void) | null }));

/** Wakes the running indexer (the server's, from a route in Next's bundle). */
export function requestSearchIndexing() {
  indexerSlot().wake?.();
}

const clamp = (value: number, min: number, max: number) =>
  Math.min(max, Math.max(min, Math.round(value)));

/** A running average of what one unit (a row read, a row written, a page merged) costs. */
function cost(initialMs: number) {
  let ms = initialMs;
  return {
    units: (budgetMs: number) => budgetMs / ms,
    learn: (tookMs: number, units: number) => {
      if (units > 0) ms = (ms + tookMs / units) / 2;
    },
  };
}

/**
 * Keeps the payload search index current off the receiver's path: a moment after
 * deliveries are committed, and at start for whatever is not indexed yet (a new or
 * upgraded database, a rebuild). It reads deliveries into index rows in short steps
 * without the write lock, writes them as one transaction once caught up or once the batch
 * is as large as a write may be, and merges FTS5's segments in bounded slices. Between
 * steps it pauses so that it takes the share of the loop the receiver pressure gauge
 * allows (lib/ingest/receiver-pressure.ts, shared with the forward sender): almost none
 * while the receiver is saturated, most of what is idle otherwise. Searches stay
 * complete meanwhile: deliveries past the watermark are checked from their bodies.
 */
export function startSearchIndex(options: {
  db: Database.Database;
  chunk?: number;
  /** Reads and tokenises in a worker thread (lib/search/search-reader.ts); in process
   *  when absent, paced like the rest. */
  reader?: SearchReader;
}) {
  const { db, reader } = options;
  const reading = cost(0.3);
  const writing = cost(0.15);
  const merging = cost(0.3);
  if (repairSearchIndex(db))
    console.log("> The payload search index was missing: building it again.");
  takeOverSearchMerging(db);

  let batch: SearchBatch | null = null;
  /** The batch's terms: it is written once they reach what one read may hold, so that a
   *  catch-up of large deliveries never gathers more than that in this heap either. */
  let batchChars = 0;
  const full = (writeRows: number) =>
    batch !== null && (batch.rows.length >= writeRows || batchChars >= MAX_BATCH_CHARS);
  /** The last read found nothing new: write (or merge) before reading again. */
  let caughtUp = false;
  let mergeOwed = Number.POSITIVE_INFINITY;
  /** The worker's read of the batch after this one, made while this one is written. */
  let ahead: { after: number; read: Promise<SearchBatch | null> } | null = null;
  const readAhead = (after: number, maxRows: number) => {
    const read = reader!.read(after, maxRows);
    // Awaited by the next read step, if any: a failure then ends that run instead.
    read.catch(() => {});
    ahead = { after, read };
  };
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
   *  left to do. A read by the worker is a step of its own, which costs the loop nothing. */
  const step = (budgetMs: number, writeMs: number, quiet: boolean): boolean | Promise<boolean> => {
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
      if (reader) {
        const read = ahead?.after === after ? ahead.read : reader.read(after, room);
        ahead = null;
        return read.then((more) => {
          caughtUp = take(more);
          if (!caughtUp && full(writeRows)) readAhead(batch!.through, writeRows);
          return true;
        });
      }
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
      ahead = null;
      caughtUp = false;
    },
  });
  indexerSlot().wake = job.wake;
  return {
    stop: () => {
      indexerSlot().wake = null;
      job.stop();
      reader?.stop();
    },
  };
}
