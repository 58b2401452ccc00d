import { getHeader, type HeaderPairs } from "../cloudpods/headers";

/**
 * What one forwarding attempt's outcome means for its job. Pure. Delivery is at least once:
 * no connection, a timeout, 5xx, 408 and 429 are tried again later with exponential backoff
 * and jitter (429 no sooner than its Retry-After); any other answer outside 2xx is final.
 * A job still failing `maxAgeMs` after it was queued is given up: a dead letter.
 */
export type AttemptResult = {
  status: number | null;
  responseHeaders: HeaderPairs | null;
  /** The send's error code (lib/replay/replay-error.ts), null when an answer came. */
  errorCode: string | null;
};

export type Verdict =
  { outcome: "delivered" } | { outcome: "retry"; at: number } | { outcome: "dead"; reason: string };

/** Codes that say the target refused on principle: trying again cannot help. */
const FINAL_ERRORS = new Set(["blocked", "invalid_url"]);

export function isRetryable(result: AttemptResult): boolean {
  if (result.status === null) return !FINAL_ERRORS.has(result.errorCode ?? "");
  return result.status >= 500 || result.status === 408 || result.status === 429;
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; null when absent. */
export function retryAfterMs(headers: HeaderPairs | null, now: number): number | null {
  const value = headers ? getHeader(headers, "retry-after")?.trim() : undefined;
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The wait before retry number `attempt` (1 = the first retry): base · 2^(attempt−1),
 *  plus up to a quarter more at random so that many jobs failing together spread out. */
export function backoffMs(attempt: number, baseMs: number, random: () => number): number {
  const plain = baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30);
  return Math.round(plain * (1 + random() / 4));
}

export function judgeAttempt(options: {
  result: AttemptResult;
  attempts: number;
  queuedAt: number;
  now: number;
  retryMs: number;
  maxAgeMs: number;
  random?: () => number;
}): Verdict {
  const { result, now } = options;
  if (result.status !== null && result.status >= 200 && result.status < 300) {
    return { outcome: "delivered" };
  }
  const what = result.status !== null ? `answered ${result.status}` : (result.errorCode ?? "error");
  if (!isRetryable(result)) return { outcome: "dead", reason: `${what}: not retried` };
  let wait = backoffMs(options.attempts, options.retryMs, options.random ?? Math.random);
  if (result.status === 429) wait = Math.max(wait, retryAfterMs(result.responseHeaders, now) ?? 0);
  const at = now + wait;
  if (at - options.queuedAt > options.maxAgeMs) {
    return { outcome: "dead", reason: `${what}: still failing after ${options.attempts} attempts` };
  }
  return { outcome: "retry", at };
}
