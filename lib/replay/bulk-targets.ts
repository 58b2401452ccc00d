import "server-only";
import { getDatabase } from "../db/sqlite";
import type { DeliveryFilter } from "../events/delivery-filter";
import { deliveryFilterSql } from "../events/delivery-filter-sql";

/**
 * The deliveries a bulk replay sends: those matching the feed filter up to the newest one
 * when it starts (later arrivals are not pulled in), read oldest first a page at a time so
 * that a million matches never sit in memory.
 */
export function countBulkTargets(filter: DeliveryFilter): { total: number; maxId: number } {
  const where = deliveryFilterSql(filter);
  const row = getDatabase()
    .prepare(
      `SELECT COUNT(*) AS total, COALESCE(MAX(id), 0) AS maxId FROM deliveries WHERE ${where.sql}`,
    )
    .get(where.params) as { total: number; maxId: number };
  return row;
}

export type BulkTarget = { id: number; resourceKey: string };

/**
 * An iterator over matching deliveries in ascending id order (the order received), up to
 * and including maxId, each with the resource it is about: one resource's deliveries
 * must reach the target in that order. A delivery about no resource is its own key.
 */
export function bulkTargets(
  filter: DeliveryFilter,
  maxId: number,
  pageSize = 200,
): () => BulkTarget | undefined {
  const where = deliveryFilterSql(filter);
  const page = getDatabase().prepare(
    `SELECT id, resource_type AS resourceType, resource_id AS resourceId FROM deliveries
     WHERE ${where.sql} AND id > @after AND id <= @maxId ORDER BY id LIMIT ${pageSize}`,
  );
  type Row = { id: number; resourceType: string | null; resourceId: string | null };
  let buffer: Row[] = [];
  let after = 0;
  let exhausted = false;
  return () => {
    if (buffer.length === 0 && !exhausted) {
      buffer = page.all({ ...where.params, after, maxId }) as Row[];
      if (buffer.length < pageSize) exhausted = true;
      after = buffer[buffer.length - 1]?.id ?? after;
    }
    const row = buffer.shift();
    if (!row) return undefined;
    const resourceKey =
      row.resourceId === null
        ? `delivery:${row.id}`
        : `${row.resourceType ?? ""}\u0000${row.resourceId}`;
    return { id: row.id, resourceKey };
  };
}
