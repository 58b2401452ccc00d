import { getConfig } from "../config";
import { RateLimiter } from "./rate-limiter";

/**
 * Wrong admin tokens (at login or as Bearer) per client address. Past the limit every
 * attempt from that address is answered 429, right or wrong, so that guessing gains
 * nothing from the limit. One per process, shared by server.ts and Next's bundle.
 */
const KEY = Symbol.for("hooklens.auth-failures");
type Holder = { [KEY]?: RateLimiter };

export function getAuthFailureLimiter(): RateLimiter {
  const holder = globalThis as Holder;
  const perMinute = getConfig().HOOKLENS_AUTH_FAILURES_PER_MINUTE;
  holder[KEY] ??= new RateLimiter(perMinute / 60, perMinute);
  return holder[KEY];
}
