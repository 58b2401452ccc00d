import type pg from "pg";
import type { FacetGroup } from "../../events/facet-counts";
import { matchesSearch } from "../../search/match-search";
import { parseSearchQuery, type SearchQuery } from "../../search/parse-search-query";
import { searchDocument } from "../../search/search-document";
import { OVERFLOW_LEXEME, quoteLexeme, searchTsquery } from "../../search/search-tsquery";
import { decodeBytes } from "../../storage/content-codec";
import { clientRows, numberedParameters } from "../sql-query";
import { contentDictionaryLoader, loadContentDictionaries } from "./content-dictionaries";
import type { SqlWhere } from "./delivery-filter";

/**
 * Payload search on PostgreSQL (docs/cluster.md, "Payload search"): the index is
 * `search_index(delivery_id, terms tsvector)` under a GIN index, the lexemes of the same
 * terms SQLite's FTS5 index holds (lib/search/search-tsquery.ts), and `search_index_state`
 * its watermark. A query reads the index's candidates up to the watermark and every
 * delivery above it, in id order, in batches; the candidates the index alone does not
 * decide are checked by the same matcher as on SQLite, from their stored bodies, here in
 * JavaScript (PostgreSQL cannot decode zstd), so both engines give the same answer.
 */

const THROUGH = "coalesce((SELECT indexed_through FROM search_index_state WHERE id = 1), 0)";
const OVERFLOW = quoteLexeme(OVERFLOW_LEXEME);

type Hidden = { hl_search_id: number; hl_search_decided: boolean };

/** What a delivery's document is made of, body included (undecided candidates, the stream). */
export type Source = {
  id: number;
  messageKey: string | null;
  resourceName: string | null;
  resourceId: string | null;
  message: string | null;
  eventType: string | null;
  encoding: string | null;
  body: Buffer | null;
};

export const SOURCE_COLUMNS = `d.id, d.message_key AS "messageKey", d.resource_name AS "resourceName",
  d.resource_id AS "resourceId", d.message, d.event_type AS "eventType"`;
const SOURCES = `SELECT ${SOURCE_COLUMNS}, c.encoding, c.body FROM deliveries d
  LEFT JOIN delivery_contents c ON c.delivery_id = d.id WHERE d.id = ANY($1::bigint[])`;

export function bodyText(source: { encoding: string | null; body: Buffer | null }): string | null {
  if (!source.encoding || !source.body) return null;
  return decodeBytes(source.encoding, source.body, contentDictionaryLoader()).toString("utf8");
}

/** Which of these deliveries match, checked from their stored bodies. */
async function checkedIds(
  client: pg.PoolClient,
  query: SearchQuery,
  ids: number[],
): Promise<Set<number>> {
  const found = new Set<number>();
  if (ids.length === 0) return found;
  const rows = await clientRows<Source>(client, SOURCES, [ids]);
  await loadContentDictionaries(rows.map((row) => row.encoding));
  for (const row of rows) {
    const document = searchDocument({ ...row, body: bodyText(row) });
    if (matchesSearch(query, document)) found.add(row.id);
  }
  return found;
}

/** Which of these deliveries match a search (the live stream's check of what was stored). */
export function matchingIdsPostgres(
  client: pg.PoolClient,
  ids: number[],
  text: string,
): Promise<Set<number>> {
  return checkedIds(client, parseSearchQuery(text), ids);
}

/** A statement over `deliveries` (unaliased) with payload search: `columns`, the caller's
 *  `where` (filters and id range, `@name` parameters), in id order. */
export type SearchedQuery = {
  q: string;
  columns: string;
  where: SqlWhere;
  order: "asc" | "desc";
  /** At most this many matches (every match when absent). */
  limit?: number;
  /** Take the index's candidates as they are (facet counts, as on SQLite). */
  approximate?: boolean;
};

function searchedSql(options: SearchedQuery, tsquery: string | null, decided: boolean) {
  const { columns, order } = options;
  const where = `(${options.where.sql})`;
  const bound = `@hl_bound::bigint IS NULL OR deliveries.id ${order === "desc" ? "<" : ">"} @hl_bound::bigint`;
  const tail = `SELECT ${columns}, deliveries.id AS hl_search_id, false AS hl_search_decided
    FROM deliveries WHERE ${where} AND (${bound})`;
  if (tsquery === null) {
    return `${tail} ORDER BY deliveries.id ${order} LIMIT @hl_batch`;
  }
  const indexed = `SELECT ${columns}, deliveries.id, ${decided ? `NOT s.terms @@ ${OVERFLOW}::tsquery` : "false"}
    FROM search_index s JOIN deliveries ON deliveries.id = s.delivery_id
    WHERE s.terms @@ @hl_tsquery::tsquery AND s.delivery_id <= ${THROUGH} AND ${where} AND (${bound})`;
  return `SELECT * FROM (${tail} AND deliveries.id > ${THROUGH} UNION ALL ${indexed}) hl_found
    ORDER BY hl_search_id ${order} LIMIT @hl_batch`;
}

/**
 * Every match of a search, in id order, handed to `visit` batch by batch (false from it
 * stops). Each id is read by one statement, from the index or from above the watermark,
 * whichever that statement's snapshot says, so none is seen twice or missed while the
 * indexer moves.
 */
export async function visitSearched<Row>(
  client: pg.PoolClient,
  options: SearchedQuery,
  visit: (rows: Row[]) => boolean,
): Promise<void> {
  const query = parseSearchQuery(options.q);
  const plan = searchTsquery(query);
  const text = searchedSql(options, plan.tsquery, plan.exact || options.approximate === true);
  const batch = Math.min(1000, Math.max(100, (options.limit ?? 1000) * 2));
  let bound: number | null = null;
  let left = options.limit ?? Number.POSITIVE_INFINITY;
  for (;;) {
    const params = {
      ...options.where.params,
      hl_bound: bound,
      hl_batch: batch,
      hl_tsquery: plan.tsquery,
    };
    const numbered = numberedParameters(text, params);
    const rows = await clientRows<Row & Hidden>(client, numbered.text, numbered.values);
    const unchecked = rows.filter((row) => !row.hl_search_decided).map((row) => row.hl_search_id);
    const matching = await checkedIds(client, query, unchecked);
    const found: Row[] = [];
    for (const row of rows) {
      if (!row.hl_search_decided && !matching.has(row.hl_search_id)) continue;
      const match: Partial<Hidden> = { ...row };
      delete match.hl_search_id;
      delete match.hl_search_decided;
      found.push(match as Row);
      if (found.length >= left) break;
    }
    left -= found.length;
    if (!visit(found) || left <= 0 || rows.length < batch) return;
    bound = rows.at(-1)!.hl_search_id;
  }
}

/** The matches of a search, in id order (up to options.limit). */
export async function searchedRows<Row>(
  client: pg.PoolClient,
  options: SearchedQuery,
): Promise<Row[]> {
  const rows: Row[] = [];
  await visitSearched<Row>(client, options, (found) => {
    rows.push(...found);
    return true;
  });
  return rows;
}

/** How many deliveries match, and the newest of them. */
export async function countSearched(
  client: pg.PoolClient,
  options: Omit<SearchedQuery, "columns" | "order" | "limit">,
): Promise<{ total: number; maxId: number }> {
  let total = 0;
  let maxId = 0;
  await visitSearched<{ id: number }>(
    client,
    { ...options, columns: "deliveries.id", order: "asc" },
    (rows) => {
      total += rows.length;
      if (rows.length) maxId = rows.at(-1)!.id;
      return true;
    },
  );
  return { total, maxId };
}

/** The facet groups of a search's matches (approximate: the index's candidates). */
export async function searchedFacetGroups(
  client: pg.PoolClient,
  options: Omit<SearchedQuery, "columns" | "order" | "limit">,
): Promise<FacetGroup[]> {
  const groups = new Map<string, FacetGroup>();
  await visitSearched<Omit<FacetGroup, "n">>(
    client,
    { ...options, columns: "resource_type, action, result, kind", order: "asc" },
    (rows) => {
      for (const row of rows) {
        const key = JSON.stringify([row.resource_type, row.action, row.result, row.kind]);
        const group = groups.get(key);
        if (group) group.n++;
        else groups.set(key, { ...row, n: 1 });
      }
      return true;
    },
  );
  return [...groups.values()];
}
