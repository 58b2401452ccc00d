import { z } from "zod";
import { parseAllowedHosts } from "./http/allowed-host";
import { parseProxyTrust } from "./http/proxy-trust";
import { MAX_BULK_CONCURRENCY, MAX_TIMEOUT_MS } from "./replay/replay-limits";
import { envFlag, parseEnv } from "./settings/parse-env";

/**
 * Runtime settings from the environment, read once and validated: the one place the
 * server reads process.env (the `listen` command, a separate program, has its own options).
 * Bad values fail start with a message that names the variable. Domains read their part
 * through views of their own (replaySettings, forwardSettings).
 */

/** An unset variable and an empty one mean the same: the default. */
const optional = <T extends z.ZodType>(type: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), type.optional());

/** A setting read by a parser of ours, whose thrown message becomes the start error. */
const parsedWith = <T>(parse: (value: string | undefined) => T) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      try {
        return parse(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    });

const schema = z.object({
  DATABASE_URL: z.string().default("file:./data/hooklens.db"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  HOOKLENS_PUBLIC_URL: z.string().url().optional(),
  HOOKLENS_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  HOOKLENS_MAX_JSON_DEPTH: z.coerce.number().int().positive().default(64),
  HOOKLENS_GROUP_COMMIT_MS: z.coerce.number().int().min(0).max(50).default(2),
  // Storage (lib/storage): deliveries stored before the contents' dictionary is learned
  // from them; 0 keeps the seed dictionary.
  HOOKLENS_DICTIONARY_LEARN_AFTER: z.coerce.number().int().min(0).default(2000),
  HOOKLENS_REDACT: envFlag.default(true),
  HOOKLENS_REDACT_KEYS: z.string().optional(),
  // Access (lib/auth): unset, a token is generated and kept beside the database.
  HOOKLENS_ADMIN_TOKEN: optional(z.string().min(16, "must be at least 16 characters")),
  HOOKLENS_SESSION_DAYS: z.coerce.number().positive().default(7),
  HOOKLENS_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(20),
  // Whose X-Forwarded-* headers count (lib/http/proxy-trust.ts): off, on, or proxy IPs.
  HOOKLENS_TRUST_PROXY: parsedWith(parseProxyTrust),
  // Host names (beyond IPs, localhost and the public URL's) that count without a trusted
  // proxy (lib/http/allowed-host.ts): comma-separated, a leading dot for a whole domain.
  HOOKLENS_ALLOWED_HOSTS: parsedWith(parseAllowedHosts),
  // Limits (lib/limits): per-endpoint deliveries/s (0 = off) and the burst above it.
  HOOKLENS_RATE_LIMIT: z.coerce.number().min(0).default(1000),
  HOOKLENS_RATE_LIMIT_BURST: optional(z.coerce.number().int().positive()),
  HOOKLENS_MAX_HEADERS: z.coerce.number().int().min(8).default(100),
  HOOKLENS_MAX_HEADER_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024),
  HOOKLENS_HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  HOOKLENS_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  // Retention (lib/retention): unset keeps everything.
  HOOKLENS_RETENTION_DAYS: optional(z.coerce.number().positive()),
  HOOKLENS_MAX_DELIVERIES: optional(z.coerce.number().int().positive()),
  HOOKLENS_PRUNE_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
  HOOKLENS_PRUNE_BATCH: z.coerce.number().int().positive().default(50),
  // Payload search (lib/search): off, no index is kept and every search reads the bodies.
  HOOKLENS_SEARCH_INDEX: envFlag.default(true),
  // Replay (lib/replay): 0 refuses loopback and private targets too (link-local and
  // metadata addresses always are).
  HOOKLENS_REPLAY_ALLOW_PRIVATE: envFlag.default(true),
  HOOKLENS_REPLAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(MAX_TIMEOUT_MS).default(10_000),
  HOOKLENS_REPLAY_CONCURRENCY: z.coerce.number().int().min(1).max(MAX_BULK_CONCURRENCY).default(4),
  // Forwarding (lib/forwarding): the first retry's delay (each later one doubles it, with
  // jitter); how long a delivery may go unaccepted before it is a dead letter; how long a
  // rule may fail without a success before it is reported down.
  HOOKLENS_FORWARD_RETRY_MS: z.coerce.number().int().min(10).default(5_000),
  HOOKLENS_FORWARD_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(24 * 60 * 60_000),
  HOOKLENS_FORWARD_DOWN_AFTER_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10 * 60_000),
  // The custom server (server.ts): 0 serves receivers through the Next.js route handler;
  // 1 skips applying migrations at start.
  HOOKLENS_FAST_INGEST: envFlag.default(true),
  HOOKLENS_SKIP_MIGRATE: envFlag.default(false),
  // PostgreSQL (docs/cluster.md): 1 serves the part of Hooklens ported so far and answers
  // 503 not_on_postgresql for the rest, for development (issue 14 is not done).
  HOOKLENS_POSTGRES_UNFINISHED: envFlag.default(false),
});

export type Config = z.infer<typeof schema>;

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Validates `env` as the config, uncached: for getConfig and for tests of one setting. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  return parseEnv(schema, env);
}

/** The SQLite file path from a `file:` URL, as better-sqlite3 wants it. */
export function databaseFile(url = getConfig().DATABASE_URL): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}
