import type { DeliveryFilter } from "../../events/delivery-filter";
import { connection } from "../connection";
import { builtRows, sqlQuery } from "../sql-query";
import type { TargetRow } from "./deliveries";
import { feedWhere } from "./delivery-filter";
import { countSearchedFeed, searchedFeedRows } from "./search-feed-postgres";

/**
 * What a bulk replay needs of the database beyond Prisma's rows by key (lib/replay): the
 * targets a bulk taken over has still to send, and the counts it takes over with.
 */

/**
 * Whether other instances may run this database's bulk replays: on PostgreSQL (cluster
 * mode) a bulk runs under its job lock on whichever instance holds it, is taken over when
 * that one dies, and is cancelled and followed through the database (docs/cluster.md,
 * "Bulk replays across instances"). On SQLite one process owns the file: a bulk runs where
 * it started, and one a restart cut off is closed as failed.
 */
export function bulksAcrossInstances(): boolean {
  return connection().engine === "postgresql";
}

/** The condition "no result of bulk @bulkId for this delivery yet" (replays_event_id_id_idx). */
const UNSENT = `NOT EXISTS (SELECT 1 FROM replays r WHERE r.event_id = deliveries.id AND r.bulk_id = @bulkId)`;

/**
 * Matching deliveries after `after` up to `maxId` that bulk `bulkId` has no result for,
 * oldest first: the next page of a bulk taken over. A delivery whose send was recorded is
 * not sent again; one in flight when its instance died has no result and is.
 */
export function unsentTargetPage(
  filter: DeliveryFilter,
  bulkId: number,
  after: number,
  maxId: number,
  limit: number,
) {
  if (filter.q && bulksAcrossInstances()) {
    return searchedFeedRows<TargetRow>(filter, {
      columns: `id, resource_type AS "resourceType", resource_id AS "resourceId"`,
      rest: ` AND id > @after AND id <= @maxId AND ${UNSENT}`,
      params: { bulkId, after, maxId },
      order: "asc",
      limit,
    });
  }
  return builtRows<TargetRow>((engine) => {
    const where = feedWhere(engine, filter);
    return {
      sql: `SELECT id, resource_type AS "resourceType", resource_id AS "resourceId" FROM deliveries
            WHERE ${where.sql} AND id > @after AND id <= @maxId AND ${UNSENT}
            ORDER BY id LIMIT @limit`,
      params: { ...where.params, bulkId, after, maxId, limit },
    };
  });
}

/** How many targets up to `maxId` bulk `bulkId` has still to send. */
export async function countUnsentTargets(
  filter: DeliveryFilter,
  bulkId: number,
  maxId: number,
): Promise<number> {
  if (filter.q && bulksAcrossInstances()) {
    return (await countSearchedFeed(filter, ` AND id <= @maxId AND ${UNSENT}`, { bulkId, maxId }))
      .total;
  }
  const [row] = await builtRows<{ n: number }>((engine) => {
    const where = feedWhere(engine, filter);
    return {
      sql: `SELECT count(*) AS n FROM deliveries WHERE ${where.sql} AND id <= @maxId AND ${UNSENT}`,
      params: { ...where.params, bulkId, maxId },
    };
  });
  return row?.n ?? 0;
}

/** A bulk's recorded results: how many, and how many succeeded (replayView's `ok`). */
export const bulkResultCounts = sqlQuery<{ results: number; succeeded: number }, [bulkId: number]>({
  sqlite: `SELECT count(*) AS results,
               coalesce(sum(error IS NULL AND status IS NOT NULL AND status < 300), 0) AS succeeded
             FROM replays WHERE bulk_id = ?`,
  postgresql: `SELECT count(*) AS results,
                   count(*) FILTER (WHERE error IS NULL AND status IS NOT NULL AND status < 300) AS succeeded
                 FROM replays WHERE bulk_id = $1`,
});
