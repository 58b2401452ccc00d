import { resourcePage, type ResourceRow } from "../db/queries/resources";
import { invalidField } from "../http/api-error";
import { cursorPage, lookaheadLimit, type CursorPage } from "../http/cursor-page";
import {
  decodeResourceCursor,
  encodeResourceCursor,
  type ResourceListQuery,
} from "./resource-filter";
import type { ResourceItem } from "./resource-types";

function toItem(row: ResourceRow): ResourceItem {
  return {
    ...row,
    first_seen_at: new Date(row.first_seen_at).toISOString(),
    last_seen_at: new Date(row.last_seen_at).toISOString(),
    deleted: row.deleted === 1,
  };
}

/** GET /api/resources: every resource seen, by last seen, with cursor pagination. */
export async function findResources(query: ResourceListQuery): Promise<CursorPage<ResourceItem>> {
  const cursor = query.cursor === undefined ? undefined : decodeResourceCursor(query.cursor);
  if (cursor === null) throw invalidField("cursor", "not a cursor this API gave", "bad_request");
  const rows = await resourcePage(query, cursor, lookaheadLimit(query.limit));
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
