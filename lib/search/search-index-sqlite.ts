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

type Row = Omit<SearchSource, "body" | "details"> & { id: number };
type Content = { encoding: string; body: Buffer };

/** Terms (UTF-16 units) a read gathers at most before it stops short of its id range:
 *  a delivery near the 1 MiB body limit has up to 3.6M of them, and the reader's worker
 *  (64 MB heap) ran out of memory on a catch-up of a few dozen such (then again on every
 *  retry of the same range: the index stopped for good). ~3,100 for a typical delivery. */
export const MAX_BATCH_CHARS = 4 * 1024 * 1024;

/** Deliveries (after, through] turned into index rows, read without the write lock. */
export type SearchBatch = {
  after: number;
  through: number;
  rows: Array<{ id: number; terms: string; fields: string[] }>;
};

type Indexer = {
  /** The watermark, after a version check (an older index is emptied first). */
  watermark: () => number;
  read: (after: number, maxRows: number) => SearchBatch | null;
  write: (batch: SearchBatch) => number;
  reset: () => void;
};
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

export function sourceText(
  db: Database.Database,
  encoding: string | null | undefined,
  content: Buffer | null | undefined,
) {
  if (!encoding || !content) return null;
  const known = dictionaries.get(db) ?? loadDictionaries(db);
  return decodeBytes(encoding, content, (id) => known.get(id) ?? null).toString("utf8");
}

/** A step reads what each delivery's document needs but its body: most were parsed at
 *  receipt and are in the details cache, and only the others read their stored bytes. */
const SELECT_SOURCES = `SELECT id, message_key AS messageKey, resource_name AS resourceName,
  resource_id AS resourceId, message, event_type AS eventType FROM deliveries`;

function indexer(db: Database.Database): Indexer {
  let found = indexers.get(db);
  if (found) return found;
  const state = db.prepare("SELECT indexed_through, version FROM search_index_state WHERE id = 1");
  const newest = db.prepare("SELECT coalesce(max(id), 0) FROM deliveries").pluck();
  const rows = db.prepare(`${SELECT_SOURCES} WHERE id > ? AND id <= ? ORDER BY id`);
  const content = db.prepare("SELECT encoding, body FROM delivery_contents WHERE delivery_id = ?");
  const present = db.prepare("SELECT id FROM deliveries WHERE id > ? AND id <= ?").pluck();
  const insert = db.prepare("INSERT INTO search_index (rowid, terms) VALUES (?, ?)");
  const countField = db.prepare(`INSERT INTO search_fields (name, deliveries) VALUES (?, ?)
    ON CONFLICT (name) DO UPDATE SET deliveries = deliveries + excluded.deliveries`);
  const advance = db.prepare(`INSERT INTO search_index_state (id, indexed_through, version)
    VALUES (1, ?, ${SEARCH_INDEX_VERSION}) ON CONFLICT (id) DO UPDATE SET
    indexed_through = excluded.indexed_through, version = excluded.version`);
  const through = () =>
    (state.get() as { indexed_through: number } | undefined)?.indexed_through ?? 0;
  const reset = db.transaction(() => {
    db.prepare("INSERT INTO search_index (search_index) VALUES ('delete-all')").run();
    db.prepare("DELETE FROM search_fields").run();
    advance.run(0);
  });
  const read = (after: number, maxRows: number): SearchBatch | null => {
    const last = newest.get() as number;
    if (last <= after) return null;
    const to = Math.min(last, after + maxRows);
    loadDictionaries(db);
    const batch: SearchBatch = { after, through: to, rows: [] };
    let chars = 0;
    for (const row of rows.all(after, to) as Row[]) {
      // The rest of the range is the next read's (ids in order: nothing is skipped).
      if (chars >= MAX_BATCH_CHARS) {
        batch.through = batch.rows.at(-1)!.id;
        break;
      }
      // Parsed at receipt and kept (lib/resources/details-cache.ts): no decoding, no parse,
      // and the stored body is not even read.
      const details = getDetailsCache().get(row.id);
      const stored = details === undefined ? (content.get(row.id) as Content | undefined) : null;
      const document =
        details !== undefined
          ? searchDocument({ ...row, body: null, details })
          : searchDocument({ ...row, body: sourceText(db, stored?.encoding, stored?.body) });
      const names = new Set<string>();
      for (const leaf of document.leaves) names.add(leaf.key).add(leaf.path);
      const terms = documentTerms(document);
      chars += terms.length;
      batch.rows.push({ id: row.id, terms, fields: [...names] });
    }
    return batch;
  };
  // The watermark is checked inside the write transaction: a batch read before a reset, or
  // twice, is dropped, so no row is indexed twice. Rows pruned since they were read are
  // left out (their delete trigger only covers what is already indexed).
  const write = db.transaction((batch: SearchBatch) => {
    if (through() !== batch.after) return 0;
    const kept = new Set(present.all(batch.after, batch.through) as number[]);
    const fields = new Map<string, number>();
    for (const row of batch.rows) {
      if (!kept.has(row.id)) continue;
      insert.run(row.id, row.terms);
      for (const name of row.fields) fields.set(name, (fields.get(name) ?? 0) + 1);
    }
    for (const [name, count] of fields) countField.run(name, count);
    advance.run(batch.through);
    return batch.through - batch.after;
  });
  found = {
    watermark: () => {
      const row = state.get() as { indexed_through: number; version: number } | undefined;
      if (row && row.version !== SEARCH_INDEX_VERSION) reset.immediate();
      return through();
    },
    read,
    write: (batch) => write.immediate(batch),
    reset: () => reset.immediate(),
  };
  indexers.set(db, found);
  return found;
}

/** The deliveries after `after` (at most maxRows ids), made into index rows without
 *  taking the write lock; null when there are none. */
export function readSearchBatch(
  db: Database.Database,
  after: number,
  maxRows: number,
): SearchBatch | null {
  return indexer(db).read(after, maxRows);
}

/** Adds a batch that starts at the watermark to the index in one transaction; how many
 *  delivery ids it covered (0 when the watermark has moved since it was read). */
export function writeSearchBatch(db: Database.Database, batch: SearchBatch): number {
  return indexer(db).write(batch);
}

export function searchWatermark(db: Database.Database): number {
  return indexer(db).watermark();
}

/** Indexes up to `maxRows` deliveries past the watermark in one go; how many. */
export function indexSearchStep(db: Database.Database, maxRows: number): number {
  const batch = readSearchBatch(db, searchWatermark(db), maxRows);
  return batch ? writeSearchBatch(db, batch) : 0;
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
