import "server-only";
import { getHeader } from "../cloudpods/headers";
import { getDatabase } from "../db/sqlite";
import { decodeContent } from "../events/decode-content";
import type { RejectedDelivery } from "./endpoint-types";

type Row = {
  id: number;
  received_at: number;
  kind: string;
  event_type: string | null;
  signature: string;
  parse_error: string | null;
};

const WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** The partial index deliveries_failures_idx covers exactly these rows; naming its condition lets SQLite use it. */
const FAILING_SQL = "(result = 'failed' OR signature = 'invalid' OR kind = 'unparsed')";

function hasAuthToken(deliveryId: number): boolean {
  const content = getDatabase()
    .prepare("SELECT encoding, headers, body FROM delivery_contents WHERE delivery_id = ?")
    .get(deliveryId) as { encoding: string; headers: Buffer; body: Buffer } | undefined;
  return content ? getHeader(decodeContent(content).headers, "x-auth-token") !== null : false;
}

/** Why the receiver refused it, or null when it was kept and answered 200 after all. */
function explain(row: Row): Pick<RejectedDelivery, "status" | "reason"> | null {
  // The receiver checks the bytes before the signature: a body that is not JSON is a 400.
  const notJson =
    row.kind === "unparsed" && !row.parse_error?.startsWith("body is JSON but not an object");
  if (notJson) {
    const also = row.signature === "invalid" ? "; the signature did not match either" : "";
    return { status: 400, reason: `Not JSON: ${row.parse_error ?? "unreadable body"}${also}` };
  }
  if (row.signature !== "invalid") return null;
  return hasAuthToken(row.id)
    ? {
        status: 401,
        reason:
          "X-Auth-Token does not match the body: the robot's secret_key differs from the endpoint's",
      }
    : {
        status: 401,
        reason:
          "No X-Auth-Token, but the endpoint has a secret_key: the robot has none, or its release does not sign",
      };
}

/**
 * The endpoint's most recent refused deliveries within the last week, newest first. The
 * candidates come from the partial index of failing deliveries (`+endpoint_id` keeps SQLite
 * on it whatever its statistics say), so this never walks the endpoint's accepted traffic.
 */
export function findRejectedDeliveries(options: {
  endpointId: string;
  limit?: number;
  now?: number;
}): RejectedDelivery[] {
  const since = (options.now ?? Date.now()) - WINDOW_MS;
  const limit = options.limit ?? 10;
  const rows = getDatabase()
    .prepare(
      `SELECT id, received_at, kind, event_type, signature, parse_error FROM deliveries
       WHERE received_at >= ? AND +endpoint_id = ? AND ${FAILING_SQL} AND (signature = 'invalid' OR kind = 'unparsed')
       ORDER BY received_at DESC, id DESC LIMIT ?`,
    )
    .all(since, options.endpointId, limit * 3) as Row[];
  const rejected: RejectedDelivery[] = [];
  for (const row of rows) {
    const why = explain(row);
    if (why && rejected.length < limit) {
      rejected.push({
        id: row.id,
        received_at: new Date(row.received_at).toISOString(),
        kind: row.kind,
        event_type: row.event_type,
        ...why,
      });
    }
  }
  return rejected;
}
