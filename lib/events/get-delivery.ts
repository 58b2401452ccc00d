import { loadContentDictionaries } from "../db/queries/content-dictionaries";
import { endpointNameById, summaryById } from "../db/queries/deliveries";
import { deliveryContent } from "../db/queries/endpoint-traffic";
import { notFound } from "../http/api-error";
import { describeSignatureReason } from "../cloudpods/check-signature";
import { describeWarning } from "../cloudpods/delivery-warnings";
import { RELEASE_NOTES, type Release } from "../cloudpods/detect-release";
import { parseLenientJson } from "../cloudpods/lenient-json";
import { decodeContent } from "./decode-content";
import type { DeliveryDetail } from "./delivery-types";
import { summaryFromRow, type SummaryRow } from "./delivery-summary";

type ContentRow = { encoding: string; headers: Buffer; body: Buffer };

/** One delivery with its headers, its body byte-exact and its parsed payload, on either
 *  engine (lib/db/queries/deliveries.ts): for the API, replays and forwarding. */
export async function readDelivery(options: { id: number }): Promise<DeliveryDetail> {
  const row = await summaryById.get(options.id);
  if (!row) throw notFound("Delivery");
  const [content, endpoint] = await Promise.all([
    deliveryContent.get(options.id),
    endpointNameById.get(row.endpoint_id),
  ]);
  await loadContentDictionaries([content?.encoding]);
  return deliveryDetail(row, content, endpoint);
}

function deliveryDetail(
  row: SummaryRow,
  content: ContentRow | undefined,
  endpoint: { id: string; name: string } | undefined,
): DeliveryDetail {
  const decoded = content ? decodeContent(content) : { headers: [], body: Buffer.alloc(0) };
  const summary = summaryFromRow(row);
  const text = decoded.body.toString("utf8");
  const exact = Buffer.from(text, "utf8").equals(decoded.body);
  const parsed = summary.kind === "unparsed" ? null : parseLenientJson(text);
  let message = summary.message;
  if (message === null && summary.message_key && parsed?.ok) {
    const value = (parsed.value as Record<string, unknown>)[summary.message_key];
    message = typeof value === "string" ? value : null;
  }
  return {
    ...summary,
    message,
    headers: decoded.headers,
    body: text,
    // Bytes that are not valid UTF-8 cannot round-trip through a JSON string.
    body_base64: exact ? null : decoded.body.toString("base64"),
    payload: parsed?.ok ? parsed.value : null,
    endpoint: endpoint ?? null,
    warning_details: summary.warnings.map(describeWarning),
    signature_detail: describeSignatureReason(summary.signature_reason),
    release_notes: summary.release ? (RELEASE_NOTES[summary.release as Release] ?? []) : [],
  };
}

/** The stored body's exact bytes back from a detail. */
export function storedBytes(delivery: DeliveryDetail): Buffer {
  return delivery.body_base64 !== null
    ? Buffer.from(delivery.body_base64, "base64")
    : Buffer.from(delivery.body, "utf8");
}
