import { getConfig, parseConfig } from "../config";

/** Replay's settings, as the replay code reads them, from the one validated config. */
export type ReplaySettings = { allowPrivate: boolean; timeoutMs: number; concurrency: number };

/** `env` other than process.env is for tests: it is parsed on its own, never cached. */
export function replaySettings(env?: Record<string, string | undefined>): ReplaySettings {
  const config = env ? parseConfig(env) : getConfig();
  return {
    allowPrivate: config.HOOKLENS_REPLAY_ALLOW_PRIVATE,
    timeoutMs: config.HOOKLENS_REPLAY_TIMEOUT_MS,
    concurrency: config.HOOKLENS_REPLAY_CONCURRENCY,
  };
}
