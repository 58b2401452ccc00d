import type Database from "better-sqlite3";
import type { DeliveryFilter } from "../../events/delivery-filter";
import { searchConditionSql } from "../../search/search-query-sqlite";
import { connection } from "../connection";
import type { Engine } from "../engine";
import { getDatabase } from "../sqlite";
import { FROM_MS } from "./dialect";

/** A WHERE clause with named parameters (`@name`; PostgreSQL's are numbered at the seam). */
export type SqlWhere = { sql: string; params: Record<string, string | number> };

/**
 * The feed filter's conditions over `deliveries`, but payload search (`q`, lib/search),
 * in either dialect. Every condition is an equality or range that the indexes on
 * (resource_type, action), action, kind, result, (resource_type, resource_id),
 * endpoint_id and received_at can serve; ids grow with time, so "newest first" is ORDER
 * BY id DESC on the primary key. Times are Unix ms on both engines.
 */
export function filterConditions(
  filter: Omit<DeliveryFilter, "q">,
  alias = "",
  engine: Engine = "sqlite",
): SqlWhere {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  const time = (param: string) => (engine === "sqlite" ? param : FROM_MS(param));
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};

  const inList = (column: string, values: string[] | undefined) => {
    if (!values?.length) return;
    const names = values.map((value, i) => {
      params[`${column}${i}`] = value;
      return `@${column}${i}`;
    });
    clauses.push(`${col(column)} IN (${names.join(", ")})`);
  };

  if (filter.endpoint) {
    clauses.push(`${col("endpoint_id")} = @endpoint`);
    params.endpoint = filter.endpoint;
  }
  inList("kind", filter.kind);
  inList("resource_type", filter.resource_type);
  inList("action", filter.action);
  inList("result", filter.result);
  inList("signature", filter.signature);
  if (filter.resource_id) {
    clauses.push(`${col("resource_id")} = @resource_id`);
    params.resource_id = filter.resource_id;
  }
  if (filter.duplicate !== undefined) {
    clauses.push(`${col("duplicate_of")} IS ${filter.duplicate ? "NOT NULL" : "NULL"}`);
  }
  if (filter.since !== undefined) {
    clauses.push(`${col("received_at")} >= ${time("@since")}`);
    params.since = filter.since;
  }
  if (filter.until !== undefined) {
    clauses.push(`${col("received_at")} < ${time("@until")}`);
    params.until = filter.until;
  }
  return { sql: clauses.length ? clauses.join(" AND ") : "1 = 1", params };
}

/**
 * The WHERE clause for a whole feed filter on SQLite: the conditions above, and `q`, the
 * payload search index (lib/search, SQLite's so far).
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

/** A whole feed filter's conditions in the dialect of `engine`. On PostgreSQL payload
 *  search (`q`) is not a condition: its candidates are checked in JavaScript, by the reads
 *  in search-postgres.ts, which the callers take for a filter with `q`. */
export function feedWhere(
  engine: Engine,
  filter: DeliveryFilter,
  alias = "",
  options: { approximateSearch?: boolean } = {},
): SqlWhere {
  if (engine === "sqlite") {
    const db = connection();
    return deliveryFilterSql(filter, alias, {
      ...options,
      db: db.engine === "sqlite" ? db.sqlite : undefined,
    });
  }
  if (filter.q) throw new Error("a filter with q is read through search-postgres.ts on PostgreSQL");
  return filterConditions(filter, alias, engine);
}
