import "server-only";
import { resetSearchIndex, searchIndexStatus } from "../db/queries/search-index";
import { requestSearchIndexing } from "./start-search-index";
import type { SearchIndexStatus } from "./search-types";

/** Empties the index and has the background indexer build it again from the first delivery
 *  (on PostgreSQL the instance holding the indexer's job lock sees the watermark at 0 on
 *  its next look). Searches stay complete while it runs (unindexed deliveries are read
 *  from their bodies). */
export async function rebuildSearchIndex(): Promise<SearchIndexStatus> {
  await resetSearchIndex();
  requestSearchIndexing();
  return getSearchIndexStatus();
}

export async function getSearchIndexStatus(): Promise<SearchIndexStatus> {
  return (await searchIndexStatus.get()) ?? { indexed_through: 0, newest_delivery_id: 0 };
}
