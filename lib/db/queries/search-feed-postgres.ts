import type pg from "pg";
import type { DeliveryFilter } from "../../events/delivery-filter";
import { connection } from "../connection";
import { clientRows } from "../sql-query";
import { filterConditions } from "./delivery-filter";
import {
  countSearched,
  matchingIdsPostgres,
  searchedFacetGroups,
  searchedRows,
} from "./search-postgres";

/**
 * The feed's reads with payload search (`q`) on PostgreSQL, for lib/db/queries/deliveries.ts
 * and bulk-replays.ts: a feed filter made a search-postgres.ts query, on a pooled client.
 */

async function withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const db = connection();
  if (db.engine !== "postgresql") throw new Error("search-postgres.ts is PostgreSQL's");
  const client = await db.pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

/** A feed filter with `q` as a SearchedQuery: its other conditions, and `rest` (the
 *  caller's id range, `@name` parameters in `params`). */
function feedSearch(
  filter: DeliveryFilter,
  range: string,
  params: Record<string, string | number>,
) {
  const { q, ...rest } = filter;
  const where = filterConditions(rest, "", "postgresql");
  return {
    q: q!,
    where: { sql: `${where.sql}${range}`, params: { ...where.params, ...params } },
  };
}

/** The feed's reads of deliveries matching a filter with `q`, in id order. */
export function searchedFeedRows<Row>(
  filter: DeliveryFilter,
  options: {
    columns: string;
    rest: string;
    params: Record<string, string | number>;
    order: "asc" | "desc";
    limit?: number;
  },
): Promise<Row[]> {
  return withClient((client) =>
    searchedRows<Row>(client, {
      ...feedSearch(filter, options.rest, options.params),
      columns: options.columns,
      order: options.order,
      limit: options.limit,
    }),
  );
}

/** How many deliveries match a filter with `q` (and `rest`), and the newest of them. */
export function countSearchedFeed(
  filter: DeliveryFilter,
  rest = "",
  params: Record<string, string | number> = {},
) {
  return withClient((client) => countSearched(client, feedSearch(filter, rest, params)));
}

/** The facet groups of a filter with `q` and the newest id, in one snapshot. */
export function searchedFacets(filter: DeliveryFilter, approximate: boolean) {
  return withClient(async (client) => {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const groups = await searchedFacetGroups(client, {
        ...feedSearch(filter, "", {}),
        approximate,
      });
      const [newest] = await clientRows<{ id: number }>(
        client,
        "SELECT coalesce(max(id), 0) AS id FROM deliveries",
      );
      await client.query("COMMIT");
      return { groups, throughId: newest?.id ?? 0 };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
}

/** Which of these deliveries match a search (the stream's live check). */
export function searchMatchingIdsPostgres(ids: number[], q: string): Promise<Set<number>> {
  if (ids.length === 0) return Promise.resolve(new Set());
  return withClient((client) => matchingIdsPostgres(client, ids, q));
}
