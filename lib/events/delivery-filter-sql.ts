import type Database from "better-sqlite3";
import { getDatabase } from "../db/sqlite";
import { searchConditionSql } from "../search/search-query-sqlite";
import type { DeliveryFilter } from "./delivery-filter";

export type SqlWhere = { sql: string; params: Record<string, string | number> };

/**
 * The WHERE clause for a feed filter over `deliveries`. Every condition is an equality
 * or range that the indexes on (resource_type, action), action, kind, result,
 * (resource_type, resource_id), endpoint_id and received_at can serve (and `q`, the
 * payload search index); ids grow with time, so "newest first" is ORDER BY id DESC on
 * the primary key.
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
    clauses.push(`${col("received_at")} >= @since`);
    params.since = filter.since;
  }
  if (filter.until !== undefined) {
    clauses.push(`${col("received_at")} < @until`);
    params.until = filter.until;
  }
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
