import "server-only";
import { getHeader } from "../cloudpods/headers";
import { getDatabase } from "../db/sqlite";
import { decodeContent } from "../events/decode-content";
import { IS_REJECTED_SQL } from "./endpoint-stats";

/** A delivery the receiver refused, with the answer the platform got and why. */
export type RejectedDelivery = {
  id: number;
  received_at: string;
  status: 400 | 401;
  kind: string;
  event_type: string | null;
  reason: string;
};

type Row = {
  id: number;
  received_at: number;
  kind: string;
  event_type: string | null;
  signature: string;
  parse_error: string | null;
};

const WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

function hasAuthToken(deliveryId: number): boolean {
  const content = getDatabase()
    .prepare("SELECT encoding, headers, body FROM delivery_contents WHERE delivery_id = ?")
    .get(deliveryId) as { encoding: string; headers: Buffer; body: Buffer } | undefined;
  return content ? getHeader(decodeContent(content).headers, "x-auth-token") !== null : false;
}

function explain(row: Row): Pick<RejectedDelivery, "status" | "reason"> {
  // The receiver checks the bytes before the signature: a body that is not JSON is a 400.
  const notJson = row.kind === "unparsed" && !row.parse_error?.startsWith("body is JSON but not an object");
  if (notJson) {
    const also = row.signature === "invalid" ? "; the signature did not match either" : "";
    return { status: 400, reason: `Not JSON: ${row.parse_error ?? "unreadable body"}${also}` };
  }
  return hasAuthToken(row.id)
    ? { status: 401, reason: "X-Auth-Token does not match the body: the robot's secret_key differs from the endpoint's" }
    : { status: 401, reason: "No X-Auth-Token, but the endpoint has a secret_key: the robot has none, or its release does not sign" };
}

/** The endpoint's most recent refused deliveries within the last week, newest first. */
export function findRejectedDeliveries(options: { endpointId: string; limit?: number; now?: number }): RejectedDelivery[] {
  const since = (options.now ?? Date.now()) - WINDOW_MS;
  const rows = getDatabase()
    .prepare(
      `SELECT id, received_at, kind, event_type, signature, parse_error FROM deliveries
       WHERE endpoint_id = ? AND received_at >= ? AND ${IS_REJECTED_SQL} ORDER BY id DESC LIMIT ?`,
    )
    .all(options.endpointId, since, options.limit ?? 10) as Row[];
  return rows.map((row) => ({
    id: row.id,
    received_at: new Date(row.received_at).toISOString(),
    kind: row.kind,
    event_type: row.event_type,
    ...explain(row),
  }));
}
