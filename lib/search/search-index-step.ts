import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { mergeSearchIndex } from "./search-index-merge";
import { readSearchBatch, searchWatermark, writeSearchBatch } from "./search-index-sqlite";

/** One step of the background indexer: up to maxRows deliveries past the watermark read
 *  and written, then up to mergePages pages of FTS5's merging (none when 0). */
export type IndexStepRequest = { maxRows: number; mergePages: number };

export type IndexStepResult = {
  /** Deliveries read, and how many of the ids they covered went into the index. */
  rows: number;
  written: number;
  /** Nothing was past the watermark. */
  caughtUp: boolean;
  /** The merge found something to merge. */
  merged: boolean;
  /** Where the time went: the write and the merge hold the database's write lock. */
  readMs: number;
  writeMs: number;
  mergeMs: number;
};

/**
 * One step of the payload index on one connection, which writes (the search worker's,
 * lib/search/search-index-worker.ts, beside the receiver's: each write takes the write lock
 * first, and the receiver's commits wait for it off their loop). The batch is read without
 * the lock; the write checks the watermark inside its transaction, so a batch that a reset
 * or another writer overtook is dropped, never indexed twice.
 */
export function runIndexStep(db: Database.Database, request: IndexStepRequest): IndexStepResult {
  const started = performance.now();
  const batch =
    request.maxRows > 0 ? readSearchBatch(db, searchWatermark(db), request.maxRows) : null;
  const read = performance.now();
  const written = batch ? writeSearchBatch(db, batch) : 0;
  const wrote = performance.now();
  const merged = request.mergePages > 0 && mergeSearchIndex(db, request.mergePages);
  return {
    rows: batch?.rows.length ?? 0,
    written,
    caughtUp: request.maxRows > 0 && batch === null,
    merged,
    readMs: read - started,
    writeMs: wrote - read,
    mergeMs: performance.now() - wrote,
  };
}
