import { getConfig, parseConfig } from "../config";

/** Forwarding's settings, as the forwarding code reads them, from the one validated config. */
export type ForwardSettings = { retryMs: number; maxAgeMs: number; downAfterMs: number };

/** `env` other than process.env is for tests: it is parsed on its own, never cached. */
export function forwardSettings(env?: Record<string, string | undefined>): ForwardSettings {
  const config = env ? parseConfig(env) : getConfig();
  return {
    retryMs: config.HOOKLENS_FORWARD_RETRY_MS,
    maxAgeMs: config.HOOKLENS_FORWARD_MAX_AGE_MS,
    downAfterMs: config.HOOKLENS_FORWARD_DOWN_AFTER_MS,
  };
}
