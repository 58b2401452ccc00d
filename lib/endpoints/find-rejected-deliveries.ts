import "server-only";
import { getHeader } from "../cloudpods/headers";
import { loadContentDictionaries } from "../db/queries/content-dictionaries";
import {
  deliveryContent,
  refusedCandidates,
  type RefusedCandidateRow as Row,
} from "../db/queries/endpoint-traffic";
import { decodeContent } from "../events/decode-content";
import type { RejectedDelivery } from "./endpoint-types";

const WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

async function hasAuthToken(deliveryId: number): Promise<boolean> {
  const content = await deliveryContent.get(deliveryId);
  await loadContentDictionaries([content?.encoding]);
  return content ? getHeader(decodeContent(content).headers, "x-auth-token") !== null : false;
}

/** Why the receiver refused it, or null when it was kept and answered 200 after all. */
async function explain(row: Row): Promise<Pick<RejectedDelivery, "status" | "reason"> | null> {
  // The receiver checks the bytes before the signature: a body that is not JSON is a 400.
  const notJson =
    row.kind === "unparsed" && !row.parse_error?.startsWith("body is JSON but not an object");
  if (notJson) {
    const also = row.signature === "invalid" ? "; the signature did not match either" : "";
    return { status: 400, reason: `Not JSON: ${row.parse_error ?? "unreadable body"}${also}` };
  }
  if (row.signature !== "invalid") return null;
  return (await hasAuthToken(row.id))
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
 * candidates come from the partial index of failing deliveries, so this never walks the
 * endpoint's accepted traffic.
 */
export async function findRejectedDeliveries(options: {
  endpointId: string;
  limit?: number;
  now?: number;
}): Promise<RejectedDelivery[]> {
  const since = (options.now ?? Date.now()) - WINDOW_MS;
  const limit = options.limit ?? 10;
  const rows = await refusedCandidates.all(since, options.endpointId, limit * 3);
  const rejected: RejectedDelivery[] = [];
  for (const row of rows) {
    if (rejected.length >= limit) break;
    const why = await explain(row);
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
