import type { TimelineDelivery } from "../diff/build-timeline";
import { getDatabase } from "../db/sqlite";
import {
  SUMMARY_COLUMNS,
  summaryFromRow,
  type DeliverySummary,
  type SummaryRow,
} from "../events/delivery-summary";
import { decodeBytes } from "../storage/content-codec";
import { dictionaryLoader } from "../storage/content-dictionary";
import { getDetailsCache } from "./details-cache";
import { resourceDetailsFromBody } from "./resource-details-from-body";

export type ResourceDelivery = TimelineDelivery & { summary: DeliverySummary };

type Content = { encoding: string | null; body: Buffer | null };

type Row = SummaryRow & Content;

type LoadDictionary = (id: number) => Buffer | null;

/**
 * Every event about one resource, oldest first, with its resource_details read from the
 * stored (redacted) body. Invalid-signature deliveries come without details: the
 * timeline leaves them out, so their bodies are never read. Served by the
 * (resource_type, resource_id) index.
 */
export function loadResourceDeliveries(options: {
  resourceType: string;
  resourceId: string;
  endpointId?: string;
  /** Only deliveries up to this id. */
  throughId?: number;
}): ResourceDelivery[] {
  const conditions = [
    "resource_type = @resourceType",
    "resource_id = @resourceId",
    "kind = 'event'",
  ];
  if (options.endpointId !== undefined) conditions.push("endpoint_id = @endpointId");
  if (options.throughId !== undefined) conditions.push("id <= @throughId");
  const db = getDatabase();
  const rows = db
    .prepare(
      `SELECT s.*, c.encoding, c.body
       FROM (SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE ${conditions.join(" AND ")}) s
       LEFT JOIN delivery_contents c ON c.delivery_id = s.id AND s.signature <> 'invalid'
       ORDER BY s.id`,
    )
    .all(options) as Row[];
  // One dictionary lookup for the whole timeline, not one per delivery.
  const loadDictionary = dictionaryLoader(db);
  return rows.map((row) => toResourceDelivery(row, loadDictionary));
}

/** Decoding and parsing the body is most of a timeline's cost: done once per delivery. */
function readDetails(row: SummaryRow, content: Content, loadDictionary: LoadDictionary) {
  if (!content.body || !content.encoding) return null;
  const cache = getDetailsCache();
  const cached = cache.get(row.id);
  if (cached !== undefined) return cached;
  const text = decodeBytes(content.encoding, content.body, loadDictionary).toString("utf8");
  const details = resourceDetailsFromBody(text, row.message_key);
  cache.set(row.id, details, row.size);
  return details;
}

function toResourceDelivery(row: Row, loadDictionary: LoadDictionary): ResourceDelivery {
  const { encoding, body, ...summaryRow } = row;
  return {
    id: row.id,
    action: row.action,
    result: row.result,
    signature: row.signature,
    duplicateOf: row.duplicate_of,
    resourceDetails: readDetails(summaryRow, { encoding, body }, loadDictionary),
    summary: summaryFromRow(summaryRow),
  };
}
