import "server-only";
import { getDatabase } from "../db/sqlite";
import type { EventFilter } from "../events/event-filter";
import { eventFilterSql } from "../events/event-filter-sql";

/**
 * The deliveries a bulk replay sends: those matching the feed filter up to the newest one
 * when it starts (later arrivals are not pulled in), read oldest first a page at a time so
 * that a million matches never sit in memory.
 */
export function countBulkTargets(filter: EventFilter): { total: number; maxId: number } {
  const where = eventFilterSql(filter);
  const row = getDatabase()
    .prepare(
      `SELECT COUNT(*) AS total, COALESCE(MAX(id), 0) AS maxId FROM deliveries WHERE ${where.sql}`,
    )
    .get(where.params) as { total: number; maxId: number };
  return row;
}

/** An iterator over matching ids in ascending order, up to and including maxId. */
export function bulkTargetIds(
  filter: EventFilter,
  maxId: number,
  pageSize = 200,
): () => number | undefined {
  const where = eventFilterSql(filter);
  const page = getDatabase()
    .prepare(
      `SELECT id FROM deliveries WHERE ${where.sql} AND id > @after AND id <= @maxId ORDER BY id LIMIT ${pageSize}`,
    )
    .pluck();
  let buffer: number[] = [];
  let after = 0;
  let exhausted = false;
  return () => {
    if (buffer.length === 0 && !exhausted) {
      buffer = page.all({ ...where.params, after, maxId }) as number[];
      if (buffer.length < pageSize) exhausted = true;
      after = buffer[buffer.length - 1] ?? after;
    }
    return buffer.shift();
  };
}
