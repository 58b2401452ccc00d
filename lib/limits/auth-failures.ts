import { getConfig } from "../config";
import { processSingleton } from "../process-singleton";
import { RateLimiter } from "./rate-limiter";

/**
 * Wrong admin tokens (at login or as Bearer) per client address. Past the limit a wrong
 * token is answered 429, and only after AUTH_FAILURE_DELAY_MS; the right token is always
 * taken, so the admin cannot be locked out by someone guessing from the same address.
 * One per process, shared by server.ts and Next's bundle.
 */
/** How long a wrong token waits for its 429 once its address is past the limit. */
export const AUTH_FAILURE_DELAY_MS = 1000;

export function getAuthFailureLimiter(): RateLimiter {
  return processSingleton("auth-failures", () => {
    const perMinute = getConfig().HOOKLENS_AUTH_FAILURES_PER_MINUTE;
    return new RateLimiter(perMinute / 60, perMinute);
  });
}
