import type Database from "better-sqlite3";
import { getConfig } from "../config";
import { processSingleton } from "../process-singleton";
import {
  makeSecretKeyMatcher,
  DEFAULT_SECRET_KEYS,
  type SecretKeyMatcher,
} from "../cloudpods/redact-secrets";
import { getDatabase } from "../db/sqlite";
import { createEncoder, type ContentEncoder } from "../storage/content-codec";
import { loadOrCreateDictionary } from "../storage/content-dictionary";
import { RateLimiter } from "../limits/rate-limiter";
import { onEndpointsChanged } from "../endpoints/endpoint-changes";
import { queueForwards } from "../forwarding/queue-forwards";
import { DeliveryWriter } from "./delivery-writer";

export type ReceivingEndpoint = {
  id: string;
  secretKey: string | null;
  msgKey: string;
  /** The keys of the robot's body, which may replace event fields at the top level. */
  bodyKeys: string[];
  enabled: boolean;
};

/** What receiving needs, wired once per process (shared by both transports). */
export type IngestContext = {
  findEndpoint: (token: string) => ReceivingEndpoint | null;
  writer: DeliveryWriter;
  maxBodyBytes: number;
  maxJsonDepth: number;
  encoder: ContentEncoder;
  /** null when redaction is turned off. */
  isSecretKey: SecretKeyMatcher | null;
  /** Deliveries per endpoint (HOOKLENS_RATE_LIMIT); null when turned off. */
  rateLimiter: RateLimiter | null;
};

function bodyKeysOf(body: string): string[] {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
  } catch {
    return [];
  }
}

export function createIngestContext(db: Database.Database): IngestContext {
  const config = getConfig();
  const lookup = db.prepare(`SELECT id, secret_key AS secretKey, msg_key AS msgKey, body,
    enabled FROM endpoints WHERE token = ?`);
  const keys = config.HOOKLENS_REDACT_KEYS?.split(",")
    .map((key) => key.trim())
    .filter(Boolean);
  // Known endpoints stay in memory until any endpoint changes; unknown tokens are always
  // looked up, so that guessing tokens cannot grow the cache.
  const known = new Map<string, ReceivingEndpoint>();
  onEndpointsChanged(() => known.clear());
  return {
    findEndpoint: (token) => {
      const cached = known.get(token);
      if (cached) return cached;
      const row = lookup.get(token) as
        | (Omit<ReceivingEndpoint, "enabled" | "bodyKeys"> & { enabled: number; body: string })
        | undefined;
      if (!row) return null;
      const { body, ...rest } = row;
      const endpoint = { ...rest, bodyKeys: bodyKeysOf(body), enabled: row.enabled === 1 };
      known.set(token, endpoint);
      return endpoint;
    },
    writer: new DeliveryWriter(db, config.HOOKLENS_GROUP_COMMIT_MS, [queueForwards(db)]),
    maxBodyBytes: config.HOOKLENS_MAX_BODY_BYTES,
    maxJsonDepth: config.HOOKLENS_MAX_JSON_DEPTH,
    encoder: createEncoder(loadOrCreateDictionary(db)),
    isSecretKey: config.HOOKLENS_REDACT
      ? makeSecretKeyMatcher(keys?.length ? keys : DEFAULT_SECRET_KEYS)
      : null,
    rateLimiter:
      config.HOOKLENS_RATE_LIMIT > 0
        ? new RateLimiter(
            config.HOOKLENS_RATE_LIMIT,
            config.HOOKLENS_RATE_LIMIT_BURST ?? config.HOOKLENS_RATE_LIMIT * 10,
          )
        : null,
  };
}

/** One writer per process, whichever transport asks first. */
export function getIngestContext(): IngestContext {
  return processSingleton("ingest", () => createIngestContext(getDatabase()));
}
