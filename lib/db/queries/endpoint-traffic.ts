import { sqlQuery } from "../sql-query";
import { FROM_MS, MS } from "./dialect";

/**
 * What the endpoints page reads of an endpoint's deliveries, in both dialects. SQLite's
 * texts carry planner hints (`+column` keeps SQLite off an index it would misjudge without
 * statistics); PostgreSQL has its statistics (ANALYZE) and needs none. Times go in and
 * come out as Unix ms on both engines.
 */

/** 400 for bytes that are not JSON (JSON that is not an object is kept unparsed, answered 200). */
const NOT_JSON = "(kind = 'unparsed' AND parse_error NOT LIKE 'body is JSON but not an object%')";
/** What the receiver refused: 400 (not JSON) or 401 (a bad signature). */
const REJECTED = `(signature = 'invalid' OR ${NOT_JSON})`;
/** The partial index deliveries_failures_idx covers exactly these rows; naming its condition lets the planner use it. */
const FAILING = "(result = 'failed' OR signature = 'invalid' OR kind = 'unparsed')";

export const windowCounts = sqlQuery<
  { n: number; bad: number; rejected: number },
  [since: number, endpointId: string]
>({
  // Along the received_at index: the cost follows one day's traffic, not the history.
  sqlite: `SELECT COUNT(*) AS n, COALESCE(SUM(signature = 'invalid'), 0) AS bad, COALESCE(SUM(${REJECTED}), 0) AS rejected
           FROM deliveries WHERE received_at >= ? AND +endpoint_id = ?`,
  postgresql: `SELECT count(*) AS n, count(*) FILTER (WHERE signature = 'invalid') AS bad,
                      count(*) FILTER (WHERE ${REJECTED}) AS rejected
               FROM deliveries WHERE received_at >= ${FROM_MS("$1")} AND endpoint_id = $2`,
});

/** One recent delivery, as lib/endpoints/endpoint-problems.ts reads it. */
export type RecentDeliveryRow = {
  id: number;
  release: string | null;
  warnings: string | null;
  signature_reason: string | null;
  answered_error: string | null;
  parse_error: string | null;
};

const RECENT_COLUMNS = "id, release, warnings, signature_reason, answered_error, parse_error";

/** The newest `limit` deliveries of one endpoint, newest first, along its own index. */
export const recentDeliveries = sqlQuery<RecentDeliveryRow, [endpointId: string, limit: number]>({
  sqlite: `SELECT ${RECENT_COLUMNS} FROM deliveries WHERE endpoint_id = ? ORDER BY id DESC LIMIT ?`,
  postgresql: `SELECT ${RECENT_COLUMNS} FROM deliveries WHERE endpoint_id = $1 ORDER BY id DESC LIMIT $2`,
});

export type RefusedCandidateRow = {
  id: number;
  received_at: number;
  kind: string;
  event_type: string | null;
  signature: string;
  parse_error: string | null;
};

/** Deliveries since `since` that may have been refused, newest first, from the failures index. */
export const refusedCandidates = sqlQuery<
  RefusedCandidateRow,
  [since: number, endpointId: string, limit: number]
>({
  sqlite: `SELECT id, received_at, kind, event_type, signature, parse_error FROM deliveries
           WHERE received_at >= ? AND +endpoint_id = ? AND ${FAILING} AND (signature = 'invalid' OR kind = 'unparsed')
           ORDER BY received_at DESC, id DESC LIMIT ?`,
  postgresql: `SELECT id, ${MS("received_at")} AS received_at, kind, event_type, signature, parse_error
               FROM deliveries
               WHERE received_at >= ${FROM_MS("$1")} AND endpoint_id = $2 AND ${FAILING}
                 AND (signature = 'invalid' OR kind = 'unparsed')
               ORDER BY deliveries.received_at DESC, id DESC LIMIT $3`,
});

/** A delivery's stored contents, to tell a missing X-Auth-Token from a wrong one. */
export const deliveryContent = sqlQuery<
  { encoding: string; headers: Buffer; body: Buffer },
  [deliveryId: number]
>({
  sqlite: "SELECT encoding, headers, body FROM delivery_contents WHERE delivery_id = ?",
  postgresql: "SELECT encoding, headers, body FROM delivery_contents WHERE delivery_id = $1",
});

/** Template mode sends events as text that still carries X-Yunion-Event. */
const WITH_EVENT = " AND event_type IS NOT NULL AND event_type != ''";

function latestQueries(extra: string) {
  return {
    // SQLite: whether there is one walks only this endpoint's index entries (`+kind`), so
    // an endpoint that never had one does not scan everyone else's; then the kind index
    // newest first (`+endpoint_id`), stopped at the first.
    exists: sqlQuery<{ one: number }, [endpointId: string, kind: string]>({
      sqlite: `SELECT 1 AS one FROM deliveries WHERE endpoint_id = ? AND +kind = ?${extra} LIMIT 1`,
      postgresql: `SELECT 1 AS one FROM deliveries WHERE endpoint_id = $1 AND kind = $2${extra} LIMIT 1`,
    }),
    newest: sqlQuery<{ received_at: number }, [kind: string, endpointId: string]>({
      sqlite: `SELECT received_at FROM deliveries WHERE kind = ? AND +endpoint_id = ?${extra} ORDER BY id DESC LIMIT 1`,
      postgresql: `SELECT ${MS("received_at")} AS received_at FROM deliveries
                   WHERE kind = $1 AND endpoint_id = $2${extra} ORDER BY id DESC LIMIT 1`,
    }),
  };
}

const latest = { any: latestQueries(""), withEvent: latestQueries(WITH_EVENT) };

/** When the endpoint's newest delivery of `kind` arrived (Unix ms), or null. */
export async function latestReceivedAt(
  endpointId: string,
  kind: string,
  options: { withEvent?: boolean } = {},
): Promise<number | null> {
  const queries = options.withEvent ? latest.withEvent : latest.any;
  if (!(await queries.exists.get(endpointId, kind))) return null;
  return (await queries.newest.get(kind, endpointId))?.received_at ?? null;
}

/** All the endpoint's deliveries: one walk of its index entries (Prisma's count wraps a subquery). */
export const deliveryCount = sqlQuery<{ n: number }, [endpointId: string]>({
  sqlite: "SELECT COUNT(*) AS n FROM deliveries WHERE endpoint_id = ?",
  postgresql: "SELECT count(*) AS n FROM deliveries WHERE endpoint_id = $1",
});

/** The newest delivery id of all: the last entry of the primary key (Prisma's _max would scan). */
export const newestId = sqlQuery<{ id: number | null }, []>({
  sqlite: "SELECT MAX(id) AS id FROM deliveries",
  postgresql: "SELECT max(id) AS id FROM deliveries",
});
