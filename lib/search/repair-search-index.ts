import type Database from "better-sqlite3";
import { resetSearchIndex } from "./search-index-sqlite";

/** The index's table as its migration (20261201100000_search_index) made it; a unit test
 *  holds the two to the same text. */
export const SEARCH_INDEX_TABLE = `CREATE VIRTUAL TABLE "search_index" USING fts5("terms", content='', contentless_delete=1, detail=none, tokenize='ascii')`;

/**
 * Makes the index's table again when it is missing (dropped to reclaim space, or lost
 * from a copied database) and empties its watermark and field names, so that the indexer
 * builds it from the first delivery: without the table every search and every pruned
 * delivery's trigger failed, and the server did not start. True when it was missing.
 */
export function repairSearchIndex(db: Database.Database): boolean {
  const present = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_index'")
    .get();
  if (present) return false;
  db.exec(SEARCH_INDEX_TABLE);
  resetSearchIndex(db);
  return true;
}
