import { getConfig } from "../config";
import { RateLimiter } from "./rate-limiter";

/**
 * Wrong admin tokens (at login or as Bearer) per client address. Past the limit a wrong
 * token is answered 429, and only after AUTH_FAILURE_DELAY_MS; the right token is always
 * taken, so the admin cannot be locked out by someone guessing from the same address.
 * One per process, shared by server.ts and Next's bundle.
 */
const KEY = Symbol.for("hooklens.auth-failures");
type Holder = { [KEY]?: RateLimiter };

/** How long a wrong token waits for its 429 once its address is past the limit. */
export const AUTH_FAILURE_DELAY_MS = 1000;

export function getAuthFailureLimiter(): RateLimiter {
  const holder = globalThis as Holder;
  const perMinute = getConfig().HOOKLENS_AUTH_FAILURES_PER_MINUTE;
  holder[KEY] ??= new RateLimiter(perMinute / 60, perMinute);
  return holder[KEY];
}
