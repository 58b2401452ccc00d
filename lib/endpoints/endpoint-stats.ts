import "server-only";
import { getDatabase } from "../db/sqlite";

/** What the endpoints page and the wizard show about one endpoint's traffic. */
export type EndpointStats = {
  endpoint_id: string;
  deliveries_total: number;
  deliveries_24h: number;
  signature_failures_24h: number;
  /** Answered 400 (not JSON) or 401 (bad signature) in the last 24 h. */
  rejected_24h: number;
  last_validation_at: string | null;
  last_event_at: string | null;
  /** The newest delivery's id: the wizard listens from there for what comes next. */
  last_delivery_id: number | null;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An event is what a subscription delivers: an event body, or template text that still
 * carries X-Yunion-Event (validation variants are classified as verification first).
 */
export const IS_EVENT_SQL = "(kind = 'event' OR (kind = 'text' AND event_type IS NOT NULL))";
/**
 * What the receiver refused: 400 for bytes that are not JSON (JSON that is not an object
 * is kept unparsed but answered 200) and 401 for a bad signature.
 */
export const NOT_JSON_SQL = "(kind = 'unparsed' AND parse_error NOT LIKE 'body is JSON but not an object%')";
export const IS_REJECTED_SQL = `(signature = 'invalid' OR ${NOT_JSON_SQL})`;

function iso(ms: number | null | undefined): string | null {
  return typeof ms === "number" ? new Date(ms).toISOString() : null;
}

function statements() {
  const db = getDatabase();
  return {
    total: db.prepare("SELECT COUNT(*) FROM deliveries WHERE endpoint_id = ?").pluck(),
    lastId: db.prepare("SELECT MAX(id) FROM deliveries WHERE endpoint_id = ?").pluck(),
    window: db.prepare(`SELECT COUNT(*) AS n,
        COALESCE(SUM(signature = 'invalid'), 0) AS bad,
        COALESCE(SUM(${IS_REJECTED_SQL}), 0) AS rejected
      FROM deliveries WHERE endpoint_id = ? AND received_at >= ?`),
    lastValidation: db
      .prepare("SELECT received_at FROM deliveries WHERE endpoint_id = ? AND kind = 'verification' ORDER BY id DESC LIMIT 1")
      .pluck(),
    lastEvent: db
      .prepare(`SELECT received_at FROM deliveries WHERE endpoint_id = ? AND ${IS_EVENT_SQL} ORDER BY id DESC LIMIT 1`)
      .pluck(),
  };
}

let cached: ReturnType<typeof statements> | undefined;

export function getEndpointStats(options: { endpointId: string; now?: number }): EndpointStats {
  cached ??= statements();
  const q = cached;
  const id = options.endpointId;
  const since = (options.now ?? Date.now()) - DAY_MS;
  const window = q.window.get(id, since) as { n: number; bad: number; rejected: number };
  return {
    endpoint_id: id,
    deliveries_total: q.total.get(id) as number,
    deliveries_24h: window.n,
    signature_failures_24h: window.bad,
    rejected_24h: window.rejected,
    last_validation_at: iso(q.lastValidation.get(id) as number | undefined),
    last_event_at: iso(q.lastEvent.get(id) as number | undefined),
    last_delivery_id: (q.lastId.get(id) as number | null) ?? null,
  };
}

/** Every endpoint's stats, in the order the endpoints list shows them. */
export function listEndpointStats(options: { now?: number } = {}): EndpointStats[] {
  const ids = getDatabase().prepare("SELECT id FROM endpoints ORDER BY created_at, id").pluck().all() as string[];
  return ids.map((endpointId) => getEndpointStats({ endpointId, now: options.now }));
}
