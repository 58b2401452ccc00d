import { getDatabase } from "../db/sqlite";
import { invalidField } from "../http/api-error";
import { cursorPage, lookaheadLimit, type CursorPage } from "../http/cursor-page";
import {
  decodeResourceCursor,
  encodeResourceCursor,
  type ResourceListQuery,
} from "./resource-filter";
import type { ResourceItem } from "./resource-types";

type ResourceRow = Omit<ResourceItem, "first_seen_at" | "last_seen_at" | "deleted"> & {
  first_seen_at: number;
  last_seen_at: number;
  deleted: number;
};

function toItem(row: ResourceRow): ResourceItem {
  return {
    ...row,
    first_seen_at: new Date(row.first_seen_at).toISOString(),
    last_seen_at: new Date(row.last_seen_at).toISOString(),
    deleted: row.deleted === 1,
  };
}

function whereClause(query: ResourceListQuery) {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  query.resource_type?.forEach((type, i) => (params[`type${i}`] = type));
  if (query.resource_type?.length) {
    clauses.push(`resource_type IN (${query.resource_type.map((_, i) => `@type${i}`).join(", ")})`);
  }
  if (query.q) {
    params.q = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clauses.push(`(resource_name LIKE @q ESCAPE '\\' OR resource_id LIKE @q ESCAPE '\\')`);
  }
  if (query.deleted !== undefined) {
    clauses.push("deleted = @deleted");
    params.deleted = query.deleted ? 1 : 0;
  }
  if (query.endpoint) {
    clauses.push("endpoint_id = @endpoint");
    params.endpoint = query.endpoint;
  }
  return { clauses, params };
}

/** GET /api/resources: every resource seen, by last seen, with cursor pagination. */
export function findResources(query: ResourceListQuery): CursorPage<ResourceItem> {
  const { clauses, params } = whereClause(query);
  const direction = query.order === "asc" ? "ASC" : "DESC";
  if (query.cursor !== undefined) {
    const cursor = decodeResourceCursor(query.cursor);
    if (!cursor) throw invalidField("cursor", "not a cursor this API gave", "bad_request");
    clauses.push(
      `(last_seen_at, resource_type, resource_id) ${direction === "DESC" ? "<" : ">"} (@cursorSeen, @cursorType, @cursorId)`,
    );
    Object.assign(params, {
      cursorSeen: cursor.last_seen_at,
      cursorType: cursor.resource_type,
      cursorId: cursor.resource_id,
    });
  }
  const rows = getDatabase()
    .prepare(
      `SELECT resource_type, resource_id, resource_name, status, last_action, last_result,
         last_event_id, endpoint_id, first_seen_at, last_seen_at, delivery_count, deleted
       FROM resources ${clauses.length ? `WHERE ${clauses.join(" AND ")}` : ""}
       ORDER BY last_seen_at ${direction}, resource_type ${direction}, resource_id ${direction}
       LIMIT @limit`,
    )
    .all({ ...params, limit: lookaheadLimit(query.limit) }) as ResourceRow[];
  return cursorPage(rows, query.limit, {
    item: toItem,
    cursor: (last) =>
      encodeResourceCursor({
        last_seen_at: last.last_seen_at,
        resource_type: last.resource_type,
        resource_id: last.resource_id,
      }),
  });
}
