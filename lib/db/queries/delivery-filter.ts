import type { DeliveryFilter } from "../../events/delivery-filter";
import type { Engine } from "../engine";
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
