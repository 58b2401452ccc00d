import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { takeOverSearchMerging } from "./search-index-merge";
import { readSearchBatch, searchWatermark, writeSearchBatch } from "./search-index-sqlite";

/** Deliveries per transaction: one FTS5 segment each, so few segments to merge. */
const ROWS_PER_WRITE = 20_000;

/**
 * Indexes every delivery past the watermark at once, with no pacing, for a database no
 * server is receiving on (a rebuild while the server is stopped, a benchmark's seeded
 * database): the same rows the background indexer writes (readSearchBatch and
 * writeSearchBatch), in large transactions, merged into one segment at the end. The
 * background indexer's small paced steps and merge slices cost it most of its time at
 * scale; here there is nothing to share the loop with.
 */
export function buildSearchIndex(
  db: Database.Database,
  options: { rowsPerWrite?: number; onProgress?: (indexedThrough: number) => void } = {},
): { indexed: number; seconds: number; optimize_seconds: number } {
  const started = performance.now();
  takeOverSearchMerging(db);
  let indexed = 0;
  for (;;) {
    const batch = readSearchBatch(db, searchWatermark(db), options.rowsPerWrite ?? ROWS_PER_WRITE);
    if (!batch) break;
    indexed += writeSearchBatch(db, batch);
    options.onProgress?.(batch.through);
  }
  const optimizing = performance.now();
  db.exec("INSERT INTO search_index (search_index) VALUES ('optimize')");
  const done = performance.now();
  return {
    indexed,
    seconds: Math.round((done - started) / 100) / 10,
    optimize_seconds: Math.round((done - optimizing) / 100) / 10,
  };
}
