import type Database from "better-sqlite3";
import { decodeBytes } from "../storage/content-codec";
import { matchesSearch } from "./match-search";
import { parseSearchQuery, type SearchQuery } from "./parse-search-query";
import { searchDocument, type SearchSource } from "./search-document";
import { documentTerms, planSearch } from "./search-terms";

/**
 * Every SQL statement of payload search on SQLite, behind the seam the rest of Hooklens
 * calls (indexing steps, the filter condition, field names). The index is a contentless
 * FTS5 table (detail=none) of the terms lib/search/search-terms.ts derives; a PostgreSQL
 * implementation keeps the same functions over its own structure (a tsvector or pg_trgm
 * GIN over the same terms), and the same matcher checks candidates on both.
 */

/** Bump when documentTerms changes: a start with an older index rebuilds it. */
export const SEARCH_INDEX_VERSION = 1;

type Row = SearchSource & { id: number; encoding: string | null; content: Buffer | null };

type Indexer = { behind: () => boolean; step: (maxRows: number) => number; reset: () => void };
const indexers = new WeakMap<Database.Database, Indexer>();
const FUNCTION = "hooklens_search";

/** Dictionaries by id, read before a statement runs: a SQL function cannot query. */
const dictionaries = new WeakMap<Database.Database, Map<number, Buffer>>();

function loadDictionaries(db: Database.Database): Map<number, Buffer> {
  let known = dictionaries.get(db);
  if (!known) dictionaries.set(db, (known = new Map()));
  const newest = Math.max(0, ...known.keys());
  const rows = db
    .prepare("SELECT id, data FROM compression_dictionaries WHERE id > ?")
    .all(newest) as Array<{ id: number; data: Buffer }>;
  for (const row of rows) known.set(row.id, row.data);
  return known;
}

function sourceText(db: Database.Database, encoding: string | null, content: Buffer | null) {
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
      const document = searchDocument({ ...row, body: sourceText(db, row.encoding, row.content) });
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
/** True when the index alone decides this search (no body is read for indexed deliveries). */
export function isExactSearch(text: string): boolean {
  return planSearch(parsedQuery(text)).exact;
}

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

const queries = new Map<string, SearchQuery>();

/** Parsed once per query text: the SQL function is called once per candidate row. */
function parsedQuery(text: string): SearchQuery {
  let found = queries.get(text);
  if (!found) {
    found = parseSearchQuery(text);
    if (queries.size > 200) queries.clear();
    queries.set(text, found);
  }
  return found;
}

const registered = new WeakSet<Database.Database>();

/** The SQL function that checks one delivery against a query, from its stored body. */
export function registerSearchFunction(db: Database.Database) {
  if (registered.has(db)) return;
  registered.add(db);
  db.function(FUNCTION, { deterministic: true, varargs: true }, (...args: unknown[]) => {
    const [text, encoding, content, messageKey, resourceName, resourceId, message, eventType] =
      args as [string, string | null, Buffer | null, ...Array<string | null | undefined>];
    const document = searchDocument({
      body: sourceText(db, encoding, content),
      messageKey: messageKey ?? null,
      resourceName: resourceName ?? null,
      resourceId: resourceId ?? null,
      message: message ?? null,
      eventType: eventType ?? null,
    });
    return matchesSearch(parsedQuery(text), document) ? 1 : 0;
  });
}

/**
 * The condition a feed filter's `q` adds, over the deliveries table (`col` qualifies a
 * column). Indexed deliveries come from the index (checked from their bodies unless the
 * index alone decides); deliveries the indexer has not reached yet are checked directly,
 * so a search never misses what was just received.
 */
function checkSql(col: (name: string) => string): string {
  const content = (name: string) =>
    `(SELECT ${name} FROM delivery_contents WHERE delivery_id = ${col("id")})`;
  const columns = ["message_key", "resource_name", "resource_id", "message", "event_type"];
  return `${FUNCTION}(@search_q, ${content("encoding")}, ${content("body")}, ${columns.map(col).join(", ")})`;
}

const THROUGH = "coalesce((SELECT indexed_through FROM search_index_state WHERE id = 1), 0)";

/**
 * The condition a feed filter's `q` adds, over the deliveries table (`col` qualifies a
 * column). Indexed deliveries come from the index (checked from their bodies unless the
 * index alone decides); deliveries the indexer has not reached yet are checked directly,
 * so a search never misses what was just received.
 */
export function searchConditionSql(
  db: Database.Database,
  text: string,
  col: (name: string) => string,
  /** Take the index's candidates as they are (counts that may include a few false matches). */
  approximate = false,
): { sql: string; params: Record<string, string> } {
  registerSearchFunction(db);
  loadDictionaries(db);
  const found = planSearch(parsedQuery(text));
  const plan = approximate && found.match !== null ? { ...found, exact: true } : found;
  const check = checkSql(col);
  const params: Record<string, string> = { search_q: text };
  if (plan.match === null) return { sql: check, params };
  params.search_match = plan.match;
  // One list of ids (the index's candidates, then what it has not reached), so that SQLite
  // reads deliveries by id from it instead of scanning the table against it.
  const candidates = `${col("id")} IN (SELECT rowid FROM search_index WHERE search_index MATCH @search_match
    UNION ALL SELECT id FROM deliveries WHERE id > ${THROUGH})`;
  const checked = plan.exact ? `(${col("id")} <= ${THROUGH} OR ${check})` : check;
  return { sql: `${candidates} AND ${checked}`, params };
}

type Params = Record<string, string | number>;

/**
 * One page of matches, newest first, below `cursor`: what the indexer has not reached
 * (checked from the bodies), then the index's candidates in descending id order straight
 * from FTS5, which stops at the page size instead of listing every candidate (a common
 * value is in a third of the deliveries). `where` holds the other filters over alias `d`.
 */
export function findSearchPage<T>(
  db: Database.Database,
  options: {
    text: string;
    columns: string;
    where: { sql: string; params: Params };
    cursor?: number;
    limit: number;
  },
): T[] {
  registerSearchFunction(db);
  loadDictionaries(db);
  const plan = planSearch(parsedQuery(options.text));
  const check = checkSql((name) => `d.${name}`);
  const through = db.prepare(`SELECT ${THROUGH}`).pluck().get() as number;
  const below = options.cursor === undefined ? "" : "AND d.id < @cursor";
  const params: Params = {
    ...options.where.params,
    search_q: options.text,
    through,
    limit: options.limit,
  };
  if (options.cursor !== undefined) params.cursor = options.cursor;
  const tail = db
    .prepare(
      `SELECT ${options.columns} FROM deliveries d WHERE d.id > @through ${below}
       AND ${options.where.sql} AND ${check} ORDER BY d.id DESC LIMIT @limit`,
    )
    .all(params) as T[];
  const rest = options.limit - tail.length;
  if (rest <= 0) return tail;
  if (plan.match === null) {
    const scanned = db
      .prepare(
        `SELECT ${options.columns} FROM deliveries d WHERE d.id <= @through ${below}
         AND ${options.where.sql} AND ${check} ORDER BY d.id DESC LIMIT @rest`,
      )
      .all({ ...params, rest }) as T[];
    return [...tail, ...scanned];
  }
  const indexed = db
    .prepare(
      `SELECT ${options.columns} FROM search_index s CROSS JOIN deliveries d ON d.id = s.rowid
       WHERE search_index MATCH @search_match AND s.rowid <= @through ${below.replace("d.id", "s.rowid")}
       AND ${options.where.sql} ${plan.exact ? "" : `AND ${check}`} ORDER BY s.rowid DESC LIMIT @rest`,
    )
    .all({ ...params, rest, search_match: plan.match }) as T[];
  return [...tail, ...indexed];
}

/** Which of these deliveries match a search (the live stream's check of what was just stored). */
export function matchingDeliveryIds(
  db: Database.Database,
  ids: number[],
  text: string,
): Set<number> {
  if (ids.length === 0) return new Set();
  registerSearchFunction(db);
  loadDictionaries(db);
  const rows = db
    .prepare(
      `SELECT d.id FROM deliveries d WHERE d.id IN (SELECT value FROM json_each(@ids))
       AND ${checkSql((name) => `d.${name}`)}`,
    )
    .pluck()
    .all({ ids: JSON.stringify(ids), search_q: text }) as number[];
  return new Set(rows);
}
