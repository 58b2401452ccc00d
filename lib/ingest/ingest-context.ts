import type Database from "better-sqlite3";
import { getConfig } from "../config";
import { makeSecretKeyMatcher, DEFAULT_SECRET_KEYS } from "../cloudpods/redact-secrets";
import { getDatabase } from "../db/sqlite";
import { DeliveryWriter } from "./delivery-writer";

export type ReceivingEndpoint = {
  id: string;
  secretKey: string | null;
  msgKey: string;
  enabled: boolean;
};

/** What receiving needs, wired once per process (shared by both transports). */
export type IngestContext = {
  findEndpoint: (token: string) => ReceivingEndpoint | null;
  writer: DeliveryWriter;
  maxBodyBytes: number;
  maxJsonDepth: number;
  compressMinBytes: number;
  /** null when redaction is turned off. */
  isSecretKey: ((key: string) => boolean) | null;
};

export function createIngestContext(db: Database.Database): IngestContext {
  const config = getConfig();
  const lookup = db.prepare(`SELECT id, secret_key AS secretKey, msg_key AS msgKey, enabled
    FROM endpoints WHERE token = ?`);
  const keys = config.HOOKLENS_REDACT_KEYS?.split(",").map((key) => key.trim()).filter(Boolean);
  return {
    findEndpoint: (token) => {
      const row = lookup.get(token) as (Omit<ReceivingEndpoint, "enabled"> & { enabled: number }) | undefined;
      return row ? { ...row, enabled: row.enabled === 1 } : null;
    },
    writer: new DeliveryWriter(db),
    maxBodyBytes: config.HOOKLENS_MAX_BODY_BYTES,
    maxJsonDepth: config.HOOKLENS_MAX_JSON_DEPTH,
    compressMinBytes: config.HOOKLENS_COMPRESS_MIN_BYTES,
    isSecretKey: config.HOOKLENS_REDACT ? makeSecretKeyMatcher(keys?.length ? keys : DEFAULT_SECRET_KEYS) : null,
  };
}

const KEY = Symbol.for("hooklens.ingest");
type Holder = { [KEY]?: IngestContext };

/** One writer per process, whichever transport asks first. */
export function getIngestContext(): IngestContext {
  const holder = globalThis as Holder;
  holder[KEY] ??= createIngestContext(getDatabase());
  return holder[KEY];
}
