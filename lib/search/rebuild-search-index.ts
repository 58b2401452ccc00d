import "server-only";
import { getDatabase } from "../db/sqlite";
import { resetSearchIndex, searchIndexStatus } from "./search-index-sqlite";
import { requestSearchIndexing } from "./start-search-index";
import type { SearchIndexStatus } from "./search-types";

/** Empties the index and has the background indexer build it again from the first delivery.
 *  Searches stay complete while it runs (unindexed deliveries are read from their bodies). */
export function rebuildSearchIndex(): SearchIndexStatus {
  const db = getDatabase();
  resetSearchIndex(db);
  requestSearchIndexing();
  return searchIndexStatus(db);
}

export function getSearchIndexStatus(): SearchIndexStatus {
  return searchIndexStatus(getDatabase());
}
