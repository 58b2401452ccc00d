import type { EventFilter } from "./event-filter";

export type SqlWhere = { sql: string; params: Record<string, string | number> };

/**
 * The WHERE clause for a feed filter over `deliveries`. Every condition is an equality
 * or range that the indexes on (resource_type, action), action, kind, result,
 * (resource_type, resource_id), endpoint_id and received_at can serve; ids grow with
 * time, so "newest first" is ORDER BY id DESC on the primary key.
 */
export function eventFilterSql(filter: EventFilter, alias = ""): SqlWhere {
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
    params.q = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clauses.push(
      `(${["resource_name", "resource_id", "message", "event_type"]
        .map((name) => `${col(name)} LIKE @q ESCAPE '\\'`)
        .join(" OR ")})`,
    );
  }
  return { sql: clauses.length ? clauses.join(" AND ") : "1 = 1", params };
}
