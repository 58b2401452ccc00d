import type Database from "better-sqlite3";
import { getDetailsCache } from "../resources/details-cache";
import { decodeBytes } from "../storage/content-codec";
import { searchDocument, type SearchSource } from "./search-document";
import { documentTerms } from "./search-terms";

/**
 * Payload search on SQLite, indexing side (with search-query-sqlite.ts, the query side:
 * together every SQL statement of search, behind the seam the rest of Hooklens calls). The index is a contentless
 * FTS5 table (detail=none) of the terms lib/search/search-terms.ts derives; a PostgreSQL
 * implementation keeps the same functions over its own structure (a tsvector or pg_trgm
 * GIN over the same terms), and the same matcher checks candidates on both.
 */

/** Bump when documentTerms changes: a start with an older index rebuilds it. */
export const SEARCH_INDEX_VERSION = 1;

type Row = SearchSource & { id: number; encoding: string | null; content: Buffer | null };

type Indexer = { behind: () => boolean; step: (maxRows: number) => number; reset: () => void };
const indexers = new WeakMap<Database.Database, Indexer>();

/** Dictionaries by id, read before a statement runs: a SQL function cannot query. */
const dictionaries = new WeakMap<Database.Database, Map<number, Buffer>>();

export function loadDictionaries(db: Database.Database): Map<number, Buffer> {
  let known = dictionaries.get(db);
  if (!known) dictionaries.set(db, (known = new Map<number, Buffer>()));
  const newest = Math.max(0, ...known.keys());
  const rows = db
    .prepare("SELECT id, data FROM compression_dictionaries WHERE id > ?")
    .all(newest) as Array<{ id: number; data: Buffer }>;
  for (const row of rows) known.set(row.id, row.data);
  return known;
}

export function sourceText(db: Database.Database, encoding: string | null, content: Buffer | null) {
  if (!encoding || !content) return null;
  const known = dictionaries.get(db) ?? loadDictionaries(db);
  return decodeBytes(encoding, content, (id) => known.get(id) ?? null).toString("utf8");
}

const SELECT_SOURCES = `SELECT d.id, c.encoding, c.body AS content, d.message_key AS messageKey,
  d.resource_name AS resourceName, d.resource_id AS resourceId, d.message,
  d.event_type AS eventType FROM deliveries d LEFT JOIN delivery_contents c ON c.delivery_id = d.id`;

function indexer(db: Database.Database): Indexer {
  let found = indexers.get(db);
  if (found) return found;
  const state = db.prepare("SELECT indexed_through, version FROM search_index_state WHERE id = 1");
  const newest = db.prepare("SELECT coalesce(max(id), 0) FROM deliveries").pluck();
  const rows = db.prepare(`${SELECT_SOURCES} WHERE d.id > ? AND d.id <= ? ORDER BY d.id`);
  const insert = db.prepare("INSERT INTO search_index (rowid, terms) VALUES (?, ?)");
  const countField = db.prepare(`INSERT INTO search_fields (name, deliveries) VALUES (?, ?)
    ON CONFLICT (name) DO UPDATE SET deliveries = deliveries + excluded.deliveries`);
  const advance = db.prepare(`INSERT INTO search_index_state (id, indexed_through, version)
    VALUES (1, ?, ${SEARCH_INDEX_VERSION}) ON CONFLICT (id) DO UPDATE SET
    indexed_through = excluded.indexed_through, version = excluded.version`);
  const through = () =>
    (state.get() as { indexed_through: number } | undefined)?.indexed_through ?? 0;
  // The watermark is read inside the write transaction: two steps never index one row twice.
  const step = db.transaction((maxRows: number) => {
    const from = through();
    const last = newest.get() as number;
    if (last <= from) return 0;
    const to = Math.min(last, from + maxRows);
    loadDictionaries(db);
    const fields = new Map<string, number>();
    for (const row of rows.all(from, to) as Row[]) {
      // Parsed at receipt and kept (lib/resources/details-cache.ts): no decoding, no parse.
      const details = getDetailsCache().get(row.id);
      const document =
        details !== undefined
          ? searchDocument({ ...row, body: null, details })
          : searchDocument({ ...row, body: sourceText(db, row.encoding, row.content) });
      insert.run(row.id, documentTerms(document));
      const names = new Set<string>();
      for (const leaf of document.leaves) names.add(leaf.key).add(leaf.path);
      for (const name of names) fields.set(name, (fields.get(name) ?? 0) + 1);
    }
    for (const [name, count] of fields) countField.run(name, count);
    advance.run(to);
    return to - from;
  });
  const reset = db.transaction(() => {
    db.prepare("INSERT INTO search_index (search_index) VALUES ('delete-all')").run();
    db.prepare("DELETE FROM search_fields").run();
    advance.run(0);
  });
  found = {
    behind: () => {
      const row = state.get() as { indexed_through: number; version: number } | undefined;
      if (row && row.version !== SEARCH_INDEX_VERSION) reset();
      return (newest.get() as number) > through();
    },
    step: (maxRows) => step.immediate(maxRows),
    reset: () => reset.immediate(),
  };
  indexers.set(db, found);
  return found;
}

/** Indexes up to `maxRows` deliveries past the watermark in one transaction; how many. */
export function indexSearchStep(db: Database.Database, maxRows: number): number {
  const { behind, step } = indexer(db);
  return behind() ? step(maxRows) : 0;
}

/** Empties the index: the background indexer then builds it again from the first delivery. */
export function resetSearchIndex(db: Database.Database) {
  indexer(db).reset();
}

export function searchIndexStatus(db: Database.Database): {
  indexed_through: number;
  newest_delivery_id: number;
} {
  const row = db
    .prepare(
      `SELECT coalesce((SELECT indexed_through FROM search_index_state WHERE id = 1), 0) AS indexed_through,
       (SELECT coalesce(max(id), 0) FROM deliveries) AS newest_delivery_id`,
    )
    .get() as { indexed_through: number; newest_delivery_id: number };
  return row;
}

/** Field names seen, most used first, for completion. */
export function findSearchFields(db: Database.Database, prefix: string, limit: number) {
  return db
    .prepare(
      `SELECT name, deliveries FROM search_fields WHERE name >= @prefix AND name < @prefix || char(1114111)
       ORDER BY deliveries DESC, name LIMIT @limit`,
    )
    .all({ prefix: prefix.toLowerCase(), limit }) as Array<{ name: string; deliveries: number }>;
}
