import type Database from "better-sqlite3";
import { getDatabase } from "../db/sqlite";
import { searchConditionSql } from "../search/search-query-sqlite";
import { filterConditions, type SqlWhere } from "../db/queries/delivery-filter";
import type { DeliveryFilter } from "./delivery-filter";

export type { SqlWhere };

/**
 * The WHERE clause for a feed filter over `deliveries` on SQLite: the conditions of
 * lib/db/queries/delivery-filter.ts, and `q`, the payload search index (SQLite only yet).
 */
export function deliveryFilterSql(
  filter: DeliveryFilter,
  alias = "",
  options: {
    /** The connection the query will run on (its search function is registered there). */
    db?: Database.Database;
    /** Count the search index's candidates without reading bodies (facets). */
    approximateSearch?: boolean;
  } = {},
): SqlWhere {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  const where = filterConditions(filter, alias);
  const clauses = where.sql === "1 = 1" ? [] : [where.sql];
  const params = where.params;
  if (filter.q) {
    // Payload search (lib/search): the index's candidates, checked against the stored bodies.
    const search = searchConditionSql(
      options.db ?? getDatabase(),
      filter.q,
      col,
      options.approximateSearch,
    );
    clauses.push(search.sql);
    Object.assign(params, search.params);
  }
  return { sql: clauses.length ? clauses.join(" AND ") : "1 = 1", params };
}
