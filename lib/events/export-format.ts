import type { DeliverySummary } from "./delivery-summary";

export const EXPORT_FORMATS = ["ndjson", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** CSV columns: every summary field, in the list API's order. */
export const CSV_COLUMNS = [
  "id",
  "received_at",
  "endpoint_id",
  "kind",
  "event_type",
  "resource_type",
  "action",
  "result",
  "resource_id",
  "resource_name",
  "message_key",
  "message",
  "signature",
  "size",
  "duplicate_of",
  "parse_error",
  "warnings",
  "secret_fields",
  "method",
  "answered_status",
  "answered_error",
  "release",
  "signature_reason",
] as const satisfies ReadonlyArray<keyof DeliverySummary>;

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR at the start) gets a leading apostrophe: payload text is attacker-controlled
 * and an export is opened in Excel more often than read.
 */
export function csvCell(value: string | number | null | string[]): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  let text = Array.isArray(value) ? value.join(";") : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(",")}\r\n`;
}

export function csvRow(item: DeliverySummary): string {
  return `${CSV_COLUMNS.map((column) => csvCell(item[column])).join(",")}\r\n`;
}

export function ndjsonLine(item: DeliverySummary): string {
  return `${JSON.stringify(item)}\n`;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `hooklens-events-${now.toISOString().replace(/[:.]/g, "-")}.${format}`;
}
