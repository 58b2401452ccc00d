import type { DeliveryRecord } from "../../ingest/delivery-record";

/** One column a delivery record fills: its name, its PostgreSQL array type (the writer's
 *  unnest), where the record gives its value, and whether a summary reads it. */
export type DeliveryColumn = [
  column: string,
  type: "text" | "int4",
  value: (record: DeliveryRecord) => unknown,
  inSummary: boolean,
];

const jsonList = (list: string[]) => (list.length ? JSON.stringify(list) : null);

/**
 * The deliveries table's columns that a record fills, declared once (issue 14): both
 * writers insert exactly these (SQLite's DeliveryWriter, PostgreSQL's
 * delivery-writer-postgres.ts), besides id, duplicate_of and received_at, and a summary
 * (lib/events/delivery-summary.ts) reads all but those marked false.
 */
export const RECORD_COLUMNS: DeliveryColumn[] = [
  ["endpoint_id", "text", (r) => r.endpointId, true],
  ["kind", "text", (r) => r.kind, true],
  ["event_type", "text", (r) => r.eventType, true],
  ["resource_type", "text", (r) => r.resourceType, true],
  ["action", "text", (r) => r.action, true],
  ["result", "text", (r) => r.result, true],
  ["resource_id", "text", (r) => r.resourceId, true],
  ["resource_name", "text", (r) => r.resourceName, true],
  ["message_key", "text", (r) => r.messageKey, true],
  ["message", "text", (r) => r.message, true],
  ["signature", "text", (r) => r.signature, true],
  ["size", "int4", (r) => r.size, true],
  ["body_hash", "text", (r) => r.bodyHash, false],
  ["parse_error", "text", (r) => r.parseError, true],
  ["warnings", "text", (r) => jsonList(r.warnings), true],
  ["redacted_paths", "text", (r) => jsonList(r.secretFields), true],
  ["method", "text", (r) => r.method, true],
  ["answered_status", "int4", (r) => r.answeredStatus, true],
  ["answered_error", "text", (r) => r.answeredError, true],
  ["release", "text", (r) => r.release, true],
  ["signature_reason", "text", (r) => r.signatureReason, true],
];

/** The columns a summary reads: the record's that it shows, and what the writer adds. */
export const SUMMARY_COLUMN_NAMES = [
  "id",
  "received_at",
  "duplicate_of",
  ...RECORD_COLUMNS.filter(([, , , inSummary]) => inSummary).map(([column]) => column),
];
