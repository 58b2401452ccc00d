import type Database from "better-sqlite3";
import { findFilteredSearchPage } from "./filtered-search-page";
import { matchesSearch } from "./match-search";
import { narrowSearchMatch } from "./narrow-search-match";
import { parseSearchQuery, type SearchQuery } from "./parse-search-query";
import { searchDocument } from "./search-document";
import { loadDictionaries, sourceText } from "./search-index-sqlite";
import { planSearch } from "./search-terms";

/**
 * Payload search on SQLite, query side: the condition `q` adds to a feed filter, a page
 * of matches straight from FTS5, and the live stream's check. Candidates from the index
 * are decided by the same matcher (a SQL function over the stored body) as deliveries
 * the indexer has not reached, so both give the same answer. A PostgreSQL
 * implementation keeps these functions over its own index.
 */
const FUNCTION = "hooklens_search";

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

/** Below this many deliveries, a page's other filters lead and the index is asked per row. */
const FEW_FILTERED = 200;

/** True when the filter holds fewer than FEW_FILTERED deliveries, judged only when one of
 *  the deliveries table's indexes serves it: counting through a scan of the table would
 *  cost more (0.6 s at 1M for a resource_id without its type) than it could save. */
function countFewFiltered(db: Database.Database, where: string, params: Params): boolean {
  const sql = `SELECT count(*) FROM (SELECT 1 FROM deliveries d WHERE ${where} LIMIT ${FEW_FILTERED})`;
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>;
  if (!plan.some((step) => /^SEARCH d USING (COVERING )?INDEX/.test(step.detail))) return false;
  return (db.prepare(sql).pluck().get(params) as number) < FEW_FILTERED;
}

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
    /** Treat deliveries after this id as unindexed (0: read every body, as without an index). */
    through?: number;
  },
): T[] {
  registerSearchFunction(db);
  loadDictionaries(db);
  const plan = planSearch(parsedQuery(options.text));
  const check = checkSql((name) => `d.${name}`);
  const through = options.through ?? (db.prepare(`SELECT ${THROUGH}`).pluck().get() as number);
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
  if (options.where.sql !== "1 = 1") {
    // A filter that holds few deliveries (one resource's) is read from its own index, each
    // delivery looked up in the search index by rowid (~0.1 ms each at 1M): walking the
    // search's candidates instead filtered each one, 7 s for `zone1` with a resource_id.
    // `+d.id`: sorting the few is cheaper than the table's id order, which scans it all.
    if (countFewFiltered(db, `d.id <= @through ${below} AND ${options.where.sql}`, params)) {
      const filtered = db
        .prepare(
          `SELECT ${options.columns} FROM deliveries d WHERE d.id <= @through ${below}
           AND ${options.where.sql} AND EXISTS (SELECT 1 FROM search_index s
             WHERE search_index MATCH @search_match AND s.rowid = d.id)
           ${plan.exact ? "" : `AND ${check}`} ORDER BY +d.id DESC LIMIT @rest`,
        )
        .all({ ...params, rest, search_match: plan.match }) as T[];
      return [...tail, ...filtered];
    }
  }
  const upTo = options.cursor === undefined ? through : Math.min(through, options.cursor - 1);
  const match = narrowSearchMatch(db, plan, upTo);
  if (options.where.sql !== "1 = 1") {
    const indexed = findFilteredSearchPage<T>(db, {
      columns: options.columns,
      where: options.where.sql,
      params: { ...options.where.params, search_q: options.text },
      match: match ?? plan.match,
      walkMatch: () => narrowSearchMatch(db, plan, upTo, true) ?? plan.match!,
      check: plan.exact ? null : check,
      upTo,
      limit: rest,
    });
    return [...tail, ...indexed];
  }
  const indexed = db
    .prepare(
      `SELECT ${options.columns} FROM search_index s CROSS JOIN deliveries d ON d.id = s.rowid
       WHERE search_index MATCH @search_match AND s.rowid <= @through ${below.replace("d.id", "s.rowid")}
       ${plan.exact ? "" : `AND ${check}`} ORDER BY s.rowid DESC LIMIT @rest`,
    )
    .all({ ...params, rest, search_match: match }) as T[];
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

/** True when the index alone decides this search (no body is read for indexed deliveries). */
export function isExactSearch(text: string): boolean {
  return planSearch(parsedQuery(text)).exact;
}

/** Whether one delivery being written matches a search (forwarding rules, in the writer's
 *  transaction, before the delivery can be read back). */
export function recordMatchesSearch(
  db: Database.Database,
  record: {
    encoding: string;
    body: Buffer;
    messageKey: string | null;
    resourceName: string | null;
    resourceId: string | null;
    message: string | null;
    eventType: string | null;
  },
  text: string,
): boolean {
  loadDictionaries(db);
  const document = searchDocument({
    ...record,
    body: sourceText(db, record.encoding, record.body),
  });
  return matchesSearch(parsedQuery(text), document);
}
