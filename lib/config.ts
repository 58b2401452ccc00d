import { z } from "zod";

/**
 * Runtime settings from the environment, read once and validated. Bad values fail start
 * with a message that names the variable.
 */
const bool = z
  .enum(["1", "0", "true", "false", "on", "off", "yes", "no"])
  .transform((value) => ["1", "true", "on", "yes"].includes(value));

const schema = z.object({
  DATABASE_URL: z.string().default("file:./data/hooklens.db"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  HOOKLENS_PUBLIC_URL: z.string().url().optional(),
  HOOKLENS_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  HOOKLENS_MAX_JSON_DEPTH: z.coerce.number().int().positive().default(64),
  HOOKLENS_REDACT: bool.default(true),
  HOOKLENS_REDACT_KEYS: z.string().optional(),
  HOOKLENS_COMPRESS_MIN_BYTES: z.coerce.number().int().min(0).default(200),
});

export type Config = z.infer<typeof schema>;

let cached: Config | undefined;

export function getConfig(): Config {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue?.path.join(".")}: ${issue?.message}`);
  }
  cached = parsed.data;
  return cached;
}

/** The SQLite file path from a `file:` URL, as better-sqlite3 wants it. */
export function databaseFile(url = getConfig().DATABASE_URL): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}
