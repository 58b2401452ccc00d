import "server-only";
import { getDatabase } from "../db/sqlite";
import { summarizeEndpointRelease, type RecentDelivery } from "./endpoint-problems";
import type { EndpointStats } from "./endpoint-types";
import { getLastSeen } from "./last-seen";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the receiver refused: 400 for bytes that are not JSON (JSON that is not an object
 * is kept unparsed but answered 200) and 401 for a bad signature.
 */
export const NOT_JSON_SQL =
  "(kind = 'unparsed' AND parse_error NOT LIKE 'body is JSON but not an object%')";
export const IS_REJECTED_SQL = `(signature = 'invalid' OR ${NOT_JSON_SQL})`;

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * The last 24 h of one endpoint, read along the received_at index: `+endpoint_id` keeps
 * SQLite there (without statistics it would rather walk all of the endpoint's rows), so
 * the cost follows one day's traffic, not the endpoint's whole history.
 */
function windowCounts(endpointId: string, since: number) {
  return getDatabase()
    .prepare(
      `SELECT COUNT(*) AS n, COALESCE(SUM(signature = 'invalid'), 0) AS bad, COALESCE(SUM(${IS_REJECTED_SQL}), 0) AS rejected
       FROM deliveries WHERE received_at >= ? AND +endpoint_id = ?`,
    )
    .get(since, endpointId) as { n: number; bad: number; rejected: number };
}

/** Enough of the newest deliveries to see a platform's habits, read newest first along
 *  the endpoint's own index and stopped there, whatever the history's size. */
const RECENT_DELIVERIES = 200;

function recentDeliveries(endpointId: string): RecentDelivery[] {
  return getDatabase()
    .prepare(
      `SELECT id, release, warnings, signature_reason, answered_error, parse_error
       FROM deliveries WHERE endpoint_id = ? ORDER BY id DESC LIMIT ${RECENT_DELIVERIES}`,
    )
    .all(endpointId) as RecentDelivery[];
}

export function getEndpointStats(options: { endpointId: string; now?: number }): EndpointStats {
  const id = options.endpointId;
  const window = windowCounts(id, (options.now ?? Date.now()) - DAY_MS);
  const seen = getLastSeen(id);
  return {
    endpoint_id: id,
    deliveries_24h: window.n,
    signature_failures_24h: window.bad,
    rejected_24h: window.rejected,
    last_validation_at: iso(seen.validationAt),
    last_event_at: iso(seen.eventAt),
    ...summarizeEndpointRelease(recentDeliveries(id)),
  };
}

/** Every endpoint's stats, in the order the endpoints list shows them. */
export function listEndpointStats(options: { now?: number } = {}): EndpointStats[] {
  const ids = getDatabase()
    .prepare("SELECT id FROM endpoints ORDER BY created_at, id")
    .pluck()
    .all() as string[];
  return ids.map((endpointId) => getEndpointStats({ endpointId, now: options.now }));
}

/** All the endpoint's deliveries: what deleting it would delete. One walk of its index entries. */
export function countEndpointDeliveries(endpointId: string): number {
  return getDatabase()
    .prepare("SELECT COUNT(*) FROM deliveries WHERE endpoint_id = ?")
    .pluck()
    .get(endpointId) as number;
}

/** The newest delivery id of all: whatever arrives after it is new, at any endpoint. */
export function newestDeliveryId(): number {
  return (
    (getDatabase().prepare("SELECT MAX(id) FROM deliveries").pluck().get() as number | null) ?? 0
  );
}
