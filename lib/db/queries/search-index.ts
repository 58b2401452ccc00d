import {
  findSearchFields as findSearchFieldsSqlite,
  indexSearchStep,
  resetSearchIndex as resetSearchIndexSqlite,
} from "../../search/search-index-sqlite";
import { connection } from "../connection";
import { perEngine, sqlQuery } from "../sql-query";
import {
  indexSearchStepPostgres,
  resetSearchIndexPostgres,
  type PostgresIndexStep,
} from "./search-index-postgres";

/**
 * The payload search index's state and upkeep behind the seam (lib/search calls these on
 * either engine): SQLite's functions run on its handle as they did (search-index-sqlite.ts,
 * whose indexer runs in the search worker), PostgreSQL's in search-postgres.ts.
 */

/** How far the index has come: deliveries after `indexed_through` are read from their bodies. */
export const searchIndexStatus = sqlQuery<
  { indexed_through: number; newest_delivery_id: number },
  []
>({
  sqlite: `SELECT coalesce((SELECT indexed_through FROM search_index_state WHERE id = 1), 0) AS indexed_through,
    (SELECT coalesce(max(id), 0) FROM deliveries) AS newest_delivery_id`,
  postgresql: `SELECT coalesce((SELECT indexed_through FROM search_index_state WHERE id = 1), 0) AS indexed_through,
    (SELECT coalesce(max(id), 0) FROM deliveries) AS newest_delivery_id`,
});

/** Empties the index: the background indexer then builds it again from the first delivery. */
export function resetSearchIndex(): Promise<void> {
  return perEngine({
    sqlite: (db) => resetSearchIndexSqlite(db),
    postgresql: (client) => resetSearchIndexPostgres(client),
  });
}

/** Field names seen, most used first, for the search box's completion. */
export async function findSearchFields(
  prefix: string,
  limit: number,
): Promise<Array<{ name: string; deliveries: number }>> {
  const db = connection();
  if (db.engine === "sqlite") return findSearchFieldsSqlite(db.sqlite, prefix, limit);
  // starts_with and COLLATE "C": the prefix and the order SQLite's binary comparison gives,
  // whatever the database's collation.
  const result = await db.pool.query<{ name: string; deliveries: number }>(
    `SELECT name, deliveries FROM search_fields WHERE starts_with(name, $1)
     ORDER BY deliveries DESC, name COLLATE "C" LIMIT $2`,
    [prefix.toLowerCase(), limit],
  );
  return result.rows;
}

/** One indexing step of up to maxRows deliveries past the watermark (on SQLite in process:
 *  its server indexes in the search worker instead). */
export function indexSearchChunk(maxRows: number): Promise<PostgresIndexStep> {
  const db = connection();
  if (db.engine === "sqlite") {
    const written = indexSearchStep(db.sqlite, maxRows);
    return Promise.resolve({ rows: written, written, caughtUp: written === 0, waiting: false });
  }
  return indexSearchStepPostgres(db.pool, maxRows);
}
