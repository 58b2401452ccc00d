import type { TimelineDelivery } from "../diff/build-timeline";
import { summaryFromRow, type DeliverySummary, type SummaryRow } from "../events/delivery-summary";
import { decodeBytes } from "../storage/content-codec";
import { getDetailsCache } from "./details-cache";
import { resourceDetailsFromBody } from "./resource-details-from-body";

/** A delivery about a resource as the timeline keeper takes it in, on either engine. */
export type ResourceDelivery = TimelineDelivery & { summary: DeliverySummary };

type Content = { encoding: string | null; body: Buffer | null };

/** A delivery's summary columns and its stored content, as both engines' reads answer them. */
export type ResourceDeliveryRow = SummaryRow & Content;

export type LoadDictionary = (id: number) => Buffer | null;

/** Decoding and parsing the body is most of a timeline's cost: done once per delivery. */
function readDetails(
  row: SummaryRow,
  content: Content,
  loadDictionary: LoadDictionary,
  cached: boolean,
) {
  if (!content.body || !content.encoding) return null;
  const cache = cached ? getDetailsCache() : null;
  const hit = cache?.get(row.id);
  if (hit !== undefined) return hit;
  const text = decodeBytes(content.encoding, content.body, loadDictionary).toString("utf8");
  const details = resourceDetailsFromBody(text, row.message_key);
  cache?.set(row.id, details, row.size);
  return details;
}

/**
 * A read row as the timeline takes it, its resource_details parsed from the stored
 * (redacted) body; `cached`: through the details cache (readers), or not (the keeper reads
 * each delivery once, and would only push out what readers come back to).
 */
export function toResourceDelivery(
  row: ResourceDeliveryRow,
  loadDictionary: LoadDictionary,
  cached: boolean,
): ResourceDelivery {
  const { encoding, body, ...summaryRow } = row;
  return {
    id: row.id,
    action: row.action,
    result: row.result,
    signature: row.signature,
    duplicateOf: row.duplicate_of,
    resourceDetails: readDetails(summaryRow, { encoding, body }, loadDictionary, cached),
    summary: summaryFromRow(summaryRow),
  };
}
