import type { ResourceListQuery } from "../../resources/resource-filter";
import type { ResourceCursor } from "../../resources/resource-filter";
import type { ResourceItem, ResourceTypeCount } from "../../resources/resource-types";
import type { Engine } from "../engine";
import { builtRows, sqlQuery } from "../sql-query";
import { FROM_MS, MS } from "./dialect";

/**
 * The resources table as the resource list reads it, in both dialects (STYLE.md). A row
 * is the same on both engines: times in Unix ms, `deleted` as 0/1. PostgreSQL matches
 * the text filter without regard to case (SQLite's LIKE ignores ASCII case) and sorts
 * type and id byte-wise ("C"), as SQLite does, so that pages and cursors agree.
 */
export type ResourceRow = Omit<ResourceItem, "first_seen_at" | "last_seen_at" | "deleted"> & {
  first_seen_at: number;
  last_seen_at: number;
  deleted: number;
};

const COLUMNS = `resource_type, resource_id, resource_name, status, last_action, last_result,
  last_event_id, endpoint_id, first_seen_at, last_seen_at, delivery_count, deleted`;

const SELECT: Record<Engine, string> = {
  sqlite: COLUMNS,
  postgresql: COLUMNS.replace("first_seen_at", `${MS("first_seen_at")} AS first_seen_at`)
    .replace("last_seen_at,", `${MS("last_seen_at")} AS last_seen_at,`)
    .replace(/deleted$/, "deleted::int AS deleted"),
};

function conditions(query: ResourceListQuery, cursor: ResourceCursor | undefined, engine: Engine) {
  const pg = engine === "postgresql";
  const text = (column: string) => (pg ? `${column} COLLATE "C"` : column);
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  query.resource_type?.forEach((type, i) => (params[`type${i}`] = type));
  if (query.resource_type?.length) {
    clauses.push(`resource_type IN (${query.resource_type.map((_, i) => `@type${i}`).join(", ")})`);
  }
  if (query.q) {
    params.q = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = pg ? "ILIKE" : "LIKE";
    clauses.push(`(resource_name ${like} @q ESCAPE '\\' OR resource_id ${like} @q ESCAPE '\\')`);
  }
  if (query.deleted !== undefined) {
    clauses.push(pg ? "deleted = (@deleted::int = 1)" : "deleted = @deleted");
    params.deleted = query.deleted ? 1 : 0;
  }
  if (query.endpoint) {
    clauses.push("endpoint_id = @endpoint");
    params.endpoint = query.endpoint;
  }
  if (cursor) {
    const seen = pg ? FROM_MS("@cursorSeen") : "@cursorSeen";
    clauses.push(
      `(last_seen_at, ${text("resource_type")}, ${text("resource_id")}) ${query.order === "asc" ? ">" : "<"} (${seen}, @cursorType, @cursorId)`,
    );
    Object.assign(params, {
      cursorSeen: cursor.last_seen_at,
      cursorType: cursor.resource_type,
      cursorId: cursor.resource_id,
    });
  }
  const direction = query.order === "asc" ? "ASC" : "DESC";
  const sql =
    `SELECT ${SELECT[engine]} FROM resources ${clauses.length ? `WHERE ${clauses.join(" AND ")}` : ""}
     ORDER BY last_seen_at ${direction}, ${text("resource_type")} ${direction}, ` +
    `${text("resource_id")} ${direction} LIMIT @limit`;
  return { sql, params };
}

/** One page of resources by last seen, past `cursor`, at most `limit` rows. */
export function resourcePage(
  query: ResourceListQuery,
  cursor: ResourceCursor | undefined,
  limit: number,
) {
  return builtRows<ResourceRow>((engine) => {
    const { sql, params } = conditions(query, cursor, engine);
    return { sql, params: { ...params, limit } };
  });
}

/** Every resource type seen, with how many resources of it. */
export const resourceTypeCounts = sqlQuery<ResourceTypeCount, []>({
  sqlite: `SELECT resource_type, count(*) AS count FROM resources
           GROUP BY resource_type ORDER BY count DESC, resource_type`,
  postgresql: `SELECT resource_type, count(*) AS count FROM resources
               GROUP BY resource_type ORDER BY count DESC, resource_type COLLATE "C"`,
});
