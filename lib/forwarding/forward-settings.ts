import { z } from "zod";
import { parseEnv } from "../settings/parse-env";

/**
 * Forwarding settings from the environment, read once and validated (a bad value names the
 * variable). Beside the forwarding code, as replay's are beside replay's.
 */
const schema = z.object({
  /** The first retry's delay; each later one doubles it (with jitter). */
  HOOKLENS_FORWARD_RETRY_MS: z.coerce.number().int().min(10).default(5_000),
  /** A delivery still not accepted this long after it was queued goes to the dead letters. */
  HOOKLENS_FORWARD_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(24 * 60 * 60_000),
  /** A rule failing without a success for this long is reported down, loudly. */
  HOOKLENS_FORWARD_DOWN_AFTER_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10 * 60_000),
});

export type ForwardSettings = { retryMs: number; maxAgeMs: number; downAfterMs: number };

let cached: ForwardSettings | undefined;

export function forwardSettings(
  env: Record<string, string | undefined> = process.env,
): ForwardSettings {
  if (cached && env === process.env) return cached;
  const values = parseEnv(schema, env);
  const settings = {
    retryMs: values.HOOKLENS_FORWARD_RETRY_MS,
    maxAgeMs: values.HOOKLENS_FORWARD_MAX_AGE_MS,
    downAfterMs: values.HOOKLENS_FORWARD_DOWN_AFTER_MS,
  };
  if (env === process.env) cached = settings;
  return settings;
}
