import type { DeliveryFilter } from "../../events/delivery-filter";
import type { DeliveryRecord } from "../../ingest/delivery-record";
import { SUMMARY_COLUMNS, type SummaryRow } from "../../events/delivery-summary";
import { builtQueryRows, sqlQuery } from "../sql-query";
import { MS } from "./dialect";
import { filterConditions } from "./delivery-filter";

/**
 * The deliveries the feed, the stream and a delivery's detail read, in both dialects
 * (STYLE.md). A summary row is the same on both engines: received_at in Unix ms.
 */
export const SUMMARY_SELECT = {
  sqlite: SUMMARY_COLUMNS,
  postgresql: SUMMARY_COLUMNS.replace(/\breceived_at\b/, `${MS("received_at")} AS received_at`),
};

export const summaryById = sqlQuery<SummaryRow, [id: number]>({
  sqlite: `SELECT ${SUMMARY_SELECT.sqlite} FROM deliveries WHERE id = ?`,
  postgresql: `SELECT ${SUMMARY_SELECT.postgresql} FROM deliveries WHERE id = $1`,
});

export const endpointNameById = sqlQuery<{ id: string; name: string }, [id: string]>({
  sqlite: "SELECT id, name FROM endpoints WHERE id = ?",
  postgresql: "SELECT id, name FROM endpoints WHERE id = $1",
});

type Filter = Omit<DeliveryFilter, "q">;

/** One page of the feed, newest first, below `cursor` (the last id of the previous page). */
export function feedPage(filter: Filter, cursor: number | undefined, limit: number) {
  const text = (engine: "sqlite" | "postgresql") => {
    const where = filterConditions(filter, "", engine);
    const below = cursor === undefined ? "" : " AND id < @cursor";
    return {
      sql: `SELECT ${SUMMARY_SELECT[engine]} FROM deliveries WHERE ${where.sql}${below} ORDER BY id DESC LIMIT @limit`,
      params: where.params,
    };
  };
  const [sqlite, postgresql] = [text("sqlite"), text("postgresql")];
  return builtQueryRows<SummaryRow>(
    { sqlite: sqlite.sql, postgresql: postgresql.sql },
    { ...sqlite.params, ...(cursor === undefined ? {} : { cursor }), limit },
  );
}

/** Deliveries after `after`, oldest first, at most `limit`: the stream's catch-up. Ids
 *  commit in order on both engines (the PostgreSQL writer's ingest lock), so nothing
 *  committed later can still appear below the last id read. */
export function deliveriesAfter(filter: Filter, after: number, limit: number) {
  const text = (engine: "sqlite" | "postgresql") =>
    `SELECT ${SUMMARY_SELECT[engine]} FROM deliveries WHERE ${filterConditions(filter, "", engine).sql} AND id > @after ORDER BY id LIMIT @limit`;
  return builtQueryRows<SummaryRow>(
    { sqlite: text("sqlite"), postgresql: text("postgresql") },
    { ...filterConditions(filter).params, after, limit },
  );
}

/**
 * A delivery record's columns as the PostgreSQL writer inserts them (but id, duplicate_of
 * and received_at), with their array types, in the order its unnest lists them.
 */
export const RECORD_COLUMNS: Array<
  [column: string, type: string, value: (r: DeliveryRecord) => unknown]
> = [
  ["endpoint_id", "text", (r) => r.endpointId],
  ["kind", "text", (r) => r.kind],
  ["event_type", "text", (r) => r.eventType],
  ["resource_type", "text", (r) => r.resourceType],
  ["action", "text", (r) => r.action],
  ["result", "text", (r) => r.result],
  ["resource_id", "text", (r) => r.resourceId],
  ["resource_name", "text", (r) => r.resourceName],
  ["message_key", "text", (r) => r.messageKey],
  ["message", "text", (r) => r.message],
  ["signature", "text", (r) => r.signature],
  ["size", "int4", (r) => r.size],
  ["body_hash", "text", (r) => r.bodyHash],
  ["parse_error", "text", (r) => r.parseError],
  ["warnings", "text", (r) => (r.warnings.length ? JSON.stringify(r.warnings) : null)],
  [
    "redacted_paths",
    "text",
    (r) => (r.secretFields.length ? JSON.stringify(r.secretFields) : null),
  ],
  ["method", "text", (r) => r.method],
  ["answered_status", "int4", (r) => r.answeredStatus],
  ["answered_error", "text", (r) => r.answeredError],
  ["release", "text", (r) => r.release],
  ["signature_reason", "text", (r) => r.signatureReason],
];
