import type { HeaderPairs } from "../cloudpods/headers";
import { parseReplayError, type ReplayErrorCode } from "./replay-error";

/** A replays row as stored (the Prisma model's fields we read). */
export type ReplayRow = {
  id: number;
  deliveryId: number;
  bulkId: number | null;
  url: string;
  mode: string;
  endpointId: string | null;
  requestHeaders: string;
  requestBody: Uint8Array;
  status: number | null;
  durationMs: number | null;
  error: string | null;
  responseHeaders: string | null;
  responseBody: Uint8Array | null;
  responseTruncated: boolean;
  createdAt: Date;
};

export type ReplaySummary = {
  id: number;
  event_id: number;
  bulk_id: number | null;
  url: string;
  mode: string;
  endpoint_id: string | null;
  status: number | null;
  duration_ms: number | null;
  error: string | null;
  error_code: ReplayErrorCode | null;
  /** The target answered below 300, the way the platform counts a delivery as done. */
  ok: boolean;
  created_at: string;
};

export type ReplayView = ReplaySummary & {
  request_headers: HeaderPairs;
  request_body: string;
  /** Set when the bytes are not UTF-8 (request_body is then a lossy rendering). */
  request_body_base64: string | null;
  response_headers: HeaderPairs | null;
  response_body: string | null;
  response_body_base64: string | null;
  response_truncated: boolean;
};

function pairs(text: string | null): HeaderPairs | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as HeaderPairs) : [];
}

/** Bytes as text, with base64 beside when they are not UTF-8. A body cut at the cap may end
 *  inside a character: those last bytes are dropped rather than making it all base64. */
function bodyText(bytes: Uint8Array, cut = false): { text: string; base64: string | null } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let drop = 0; drop <= (cut ? 3 : 0) && drop <= buffer.length; drop++) {
    const part = buffer.subarray(0, buffer.length - drop);
    const text = part.toString("utf8");
    if (Buffer.from(text, "utf8").equals(part)) return { text, base64: null };
  }
  return { text: buffer.toString("utf8"), base64: buffer.toString("base64") };
}

/** The columns a summary reads (select these to list without the bodies). */
export const SUMMARY_SELECT = {
  id: true,
  deliveryId: true,
  bulkId: true,
  url: true,
  mode: true,
  endpointId: true,
  status: true,
  durationMs: true,
  error: true,
  createdAt: true,
} as const;

export type ReplaySummaryRow = Pick<ReplayRow, keyof typeof SUMMARY_SELECT>;

export function replaySummary(row: ReplaySummaryRow): ReplaySummary {
  return {
    id: row.id,
    event_id: row.deliveryId,
    bulk_id: row.bulkId,
    url: row.url,
    mode: row.mode,
    endpoint_id: row.endpointId,
    status: row.status,
    duration_ms: row.durationMs,
    error: row.error,
    error_code: parseReplayError(row.error)?.code ?? null,
    ok: row.error === null && row.status !== null && row.status < 300,
    created_at: row.createdAt.toISOString(),
  };
}

export function replayView(row: ReplayRow): ReplayView {
  const request = bodyText(row.requestBody);
  const response =
    row.responseBody === null ? null : bodyText(row.responseBody, row.responseTruncated);
  return {
    ...replaySummary(row),
    request_headers: pairs(row.requestHeaders) ?? [],
    request_body: request.text,
    request_body_base64: request.base64,
    response_headers: pairs(row.responseHeaders),
    response_body: response?.text ?? null,
    response_body_base64: response?.base64 ?? null,
    response_truncated: row.responseTruncated,
  };
}

const SUMMARY_FIELDS = [
  "id",
  "event_id",
  "bulk_id",
  "url",
  "mode",
  "endpoint_id",
  "status",
  "duration_ms",
  "error",
  "error_code",
  "ok",
  "created_at",
] as const satisfies ReadonlyArray<keyof ReplaySummary>;

/** A view without its request and response: what live progress carries. */
export function summaryOf(view: ReplaySummary): ReplaySummary {
  return Object.fromEntries(SUMMARY_FIELDS.map((field) => [field, view[field]])) as ReplaySummary;
}
