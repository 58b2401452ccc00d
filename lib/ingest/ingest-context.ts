import { getConfig } from "../config";
import { processSingleton } from "../process-singleton";
import {
  makeSecretKeyMatcher,
  DEFAULT_SECRET_KEYS,
  type SecretKeyMatcher,
} from "../cloudpods/redact-secrets";
import {
  openReceivingStore,
  type DeliveryWriting,
  type EndpointRow,
  type ReceivingStore,
} from "../db/queries/receiving";
import { createEncoder, type ContentEncoder } from "../storage/content-codec";
import { RateLimiter } from "../limits/rate-limiter";
import { onEndpointsChanged } from "../endpoints/endpoint-changes";

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
  /** Synchronous on SQLite; awaited on PostgreSQL for an endpoint not in memory. */
  findEndpoint: (token: string) => ReceivingEndpoint | null | Promise<ReceivingEndpoint | null>;
  writer: DeliveryWriting;
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

/** The receiver's wiring over a store of either engine (lib/db/queries/receiving.ts). */
export function createIngestContext(store: ReceivingStore): IngestContext {
  const config = getConfig();
  const keys = config.HOOKLENS_REDACT_KEYS?.split(",")
    .map((key) => key.trim())
    .filter(Boolean);
  // Known endpoints stay in memory until any endpoint changes; unknown tokens are always
  // looked up, so that guessing tokens cannot grow the cache.
  // A look-up that was under way when they changed (PostgreSQL awaits it) is not kept.
  const known = new Map<string, ReceivingEndpoint>();
  let changes = 0;
  onEndpointsChanged(() => {
    known.clear();
    changes += 1;
  });
  const keep = (token: string, row: EndpointRow | undefined, asked: number) => {
    if (!row) return null;
    const { body, ...rest } = row;
    const endpoint = { ...rest, bodyKeys: bodyKeysOf(body), enabled: row.enabled === 1 };
    if (asked === changes) known.set(token, endpoint);
    return endpoint;
  };
  return {
    findEndpoint: (token) => {
      const cached = known.get(token);
      if (cached) return cached;
      // No token holds a NUL, and PostgreSQL refuses one in a parameter: unknown, as on SQLite.
      if (token.includes("\0")) return null;
      const [row, asked] = [store.findEndpoint(token), changes];
      return row instanceof Promise
        ? row.then((found) => keep(token, found, asked))
        : keep(token, row, asked);
    },
    writer: store.writer,
    maxBodyBytes: config.HOOKLENS_MAX_BODY_BYTES,
    maxJsonDepth: config.HOOKLENS_MAX_JSON_DEPTH,
    encoder: createEncoder(store.dictionary),
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
  return processSingleton("ingest", () =>
    createIngestContext(openReceivingStore(getConfig().HOOKLENS_GROUP_COMMIT_MS)),
  );
}
