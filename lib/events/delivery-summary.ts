import { SUMMARY_COLUMN_NAMES } from "../db/queries/delivery-columns";
import type { DeliveryRecord, StoredDelivery } from "../ingest/delivery-record";

/** One delivery as the list API, the stream and the export show it (snake_case JSON). */
export type DeliverySummary = {
  id: number;
  endpoint_id: string;
  received_at: string;
  kind: string;
  event_type: string | null;
  resource_type: string | null;
  action: string | null;
  result: string | null;
  resource_id: string | null;
  resource_name: string | null;
  message_key: string | null;
  /** The message text for text and verification deliveries; null for events. */
  message: string | null;
  signature: string;
  size: number;
  duplicate_of: number | null;
  parse_error: string | null;
  warnings: string[];
  secret_fields: string[];
  method: string;
  /** What Hooklens answered the sender (null for deliveries kept before it was recorded). */
  answered_status: number | null;
  answered_error: string | null;
  /** The platform release range the delivery's shape points to. */
  release: string | null;
  /** Why the signature is not valid (no_token, token_mismatch, ...). */
  signature_reason: string | null;
};

/** The columns a summary needs: list queries select exactly these, never the content
 *  (declared with the writers' in lib/db/queries/delivery-columns.ts). */
export const SUMMARY_COLUMNS = SUMMARY_COLUMN_NAMES.join(", ");

/** A summary as the deliveries table holds it: times as Unix ms, lists as JSON text. */
export type SummaryRow = Omit<DeliverySummary, "received_at" | "warnings" | "secret_fields"> & {
  received_at: number;
  warnings: string | null;
  redacted_paths: string | null;
};

function jsonList(text: string | null): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

export function summaryFromRow(row: SummaryRow): DeliverySummary {
  const { id, endpoint_id, warnings, redacted_paths, received_at, ...rest } = row;
  return {
    id,
    endpoint_id,
    received_at: new Date(received_at).toISOString(),
    ...rest,
    warnings: jsonList(warnings),
    secret_fields: jsonList(redacted_paths),
  };
}

export function summaryFromRecord(record: DeliveryRecord, stored: StoredDelivery): DeliverySummary {
  return {
    id: stored.id,
    endpoint_id: record.endpointId,
    received_at: new Date(record.receivedAt).toISOString(),
    kind: record.kind,
    event_type: record.eventType,
    resource_type: record.resourceType,
    action: record.action,
    result: record.result,
    resource_id: record.resourceId,
    resource_name: record.resourceName,
    message_key: record.messageKey,
    message: record.message,
    signature: record.signature,
    size: record.size,
    duplicate_of: stored.duplicateOf,
    parse_error: record.parseError,
    warnings: record.warnings,
    secret_fields: record.secretFields,
    method: record.method,
    answered_status: record.answeredStatus,
    answered_error: record.answeredError,
    release: record.release,
    signature_reason: record.signatureReason,
  };
}
