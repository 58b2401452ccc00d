/**
 * Why a replay got no (complete) response, in a few kinds an operator acts on
 * differently. Pure. Stored in `replays.error` as "<code>: <message>".
 */
export const REPLAY_ERROR_CODES = [
  "blocked",
  "dns",
  "refused",
  "unreachable",
  "reset",
  "tls",
  "timeout",
  "cancelled",
  "decode",
  "skipped",
  "network",
] as const;

export type ReplayErrorCode = (typeof REPLAY_ERROR_CODES)[number];

export type ReplayError = { code: ReplayErrorCode; message: string };

/** Codes our own sender gives the errors it raises. */
export const TIMEOUT_CODE = "EHOOKLENS_TIMEOUT";
export const CANCELLED_CODE = "EHOOKLENS_CANCELLED";

const BY_CODE: Record<string, ReplayErrorCode> = {
  EHOOKLENS_BLOCKED: "blocked",
  [TIMEOUT_CODE]: "timeout",
  [CANCELLED_CODE]: "cancelled",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  EAI_FAIL: "dns",
  EAI_NODATA: "dns",
  EAI_NONAME: "dns",
  ECONNREFUSED: "refused",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EHOSTDOWN: "unreachable",
  ECONNRESET: "reset",
  EPIPE: "reset",
  ECONNABORTED: "reset",
  ETIMEDOUT: "timeout",
  EPROTO: "tls",
  Z_DATA_ERROR: "decode",
  Z_BUF_ERROR: "decode",
  ERR_BROTLI_DECOMPRESSION_FAILED: "decode",
};

const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(VERIFY|GET)_)/;

export function classifyError(error: unknown): ReplayError {
  const rawCode = (error as { code?: unknown } | null)?.code;
  const code = typeof rawCode === "string" ? rawCode : "";
  const message = error instanceof Error ? error.message : String(error);
  const kind = BY_CODE[code] ?? (TLS_CODE.test(code) ? "tls" : "network");
  return { code: kind, message: message || code || "unknown error" };
}

export function formatReplayError(error: ReplayError): string {
  return `${error.code}: ${error.message}`;
}

/** The stored text back as code and message; unknown prefixes read as "network". */
export function parseReplayError(text: string | null): ReplayError | null {
  if (text === null) return null;
  const at = text.indexOf(": ");
  const code = at > 0 ? text.slice(0, at) : "";
  if ((REPLAY_ERROR_CODES as readonly string[]).includes(code)) {
    return { code: code as ReplayErrorCode, message: text.slice(at + 2) };
  }
  return { code: "network", message: text };
}
