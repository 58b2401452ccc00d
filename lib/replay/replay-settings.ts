import { z } from "zod";
import { envFlag, parseEnv } from "../settings/parse-env";

/**
 * Replay settings from the environment, read once and validated (a bad value names the
 * variable). Kept beside the replay code rather than in lib/config.ts so that the guard's
 * policy is read in one place.
 */
/** The part of a replay's answer that is kept. */
export const RESPONSE_BODY_CAP = 64 * 1024;
export const MAX_TIMEOUT_MS = 120_000;
export const MAX_BULK_CONCURRENCY = 16;

const schema = z.object({
  /** 0 refuses loopback and private targets too (link-local and metadata always are). */
  HOOKLENS_REPLAY_ALLOW_PRIVATE: envFlag.default(true),
  HOOKLENS_REPLAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(MAX_TIMEOUT_MS).default(10_000),
  HOOKLENS_REPLAY_CONCURRENCY: z.coerce.number().int().min(1).max(MAX_BULK_CONCURRENCY).default(4),
});

export type ReplaySettings = { allowPrivate: boolean; timeoutMs: number; concurrency: number };

let cached: ReplaySettings | undefined;

export function replaySettings(
  env: Record<string, string | undefined> = process.env,
): ReplaySettings {
  if (cached && env === process.env) return cached;
  const values = parseEnv(schema, env);
  const settings = {
    allowPrivate: values.HOOKLENS_REPLAY_ALLOW_PRIVATE,
    timeoutMs: values.HOOKLENS_REPLAY_TIMEOUT_MS,
    concurrency: values.HOOKLENS_REPLAY_CONCURRENCY,
  };
  if (env === process.env) cached = settings;
  return settings;
}
