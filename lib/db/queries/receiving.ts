import type Database from "better-sqlite3";
import { getConfig } from "../../config";
import { queueForwards } from "./forwarding-sqlite-step";
import type { DeliveryRecord, StoredDelivery } from "../../ingest/delivery-record";
import { DeliveryWriter } from "../../ingest/delivery-writer";
import type { Dictionary } from "../../storage/content-codec";
import { loadOrCreateDictionary } from "../../storage/content-dictionary";
import { cachedStatement } from "../cached-statement";
import { connection } from "../connection";
import { sqlQuery } from "../sql-query";
import { PostgresDeliveryWriter } from "./delivery-writer-postgres";

/**
 * What the receiver (lib/ingest/ingest-context.ts) needs of the database, chosen once per
 * process for its engine (STYLE.md, "The hot paths"): SQLite keeps its synchronous group
 * commit (lib/ingest/delivery-writer.ts) and its synchronous endpoint look-up; PostgreSQL
 * gets a writer of its own (delivery-writer-postgres.ts) and an awaited look-up.
 */
export type EndpointRow = {
  id: string;
  secretKey: string | null;
  msgKey: string;
  body: string;
  enabled: number;
};

export type DeliveryWriting = {
  write: (record: DeliveryRecord) => Promise<StoredDelivery>;
  /** At shutdown: SQLite commits what waits (waiting for the lock); PostgreSQL starts it. */
  flush: (wait?: boolean) => void;
};

export type ReceivingStore = {
  findEndpoint: (token: string) => EndpointRow | undefined | Promise<EndpointRow | undefined>;
  writer: DeliveryWriting;
  /** The compression dictionary new contents are written with; null: plain zstd. */
  dictionary: Dictionary | null;
};

const SELECT_ENDPOINT = `SELECT id, secret_key AS "secretKey", msg_key AS "msgKey", body`;

const endpointByToken = sqlQuery<EndpointRow, [token: string]>({
  sqlite: `${SELECT_ENDPOINT}, enabled FROM endpoints WHERE token = ?`,
  postgresql: `${SELECT_ENDPOINT}, enabled::int AS enabled FROM endpoints WHERE token = $1`,
});

/** The SQLite store on a handle of its own (also for the bench scripts' seeding). */
export function sqliteReceivingStore(
  db: Database.Database,
  groupCommitMs = getConfig().HOOKLENS_GROUP_COMMIT_MS,
): ReceivingStore {
  // Synchronous: the receiver's hot path does not wait for a promise on SQLite.
  const lookup = cachedStatement(db, endpointByToken.sql.sqlite);
  return {
    findEndpoint: (token) => lookup.get(token) as EndpointRow | undefined,
    writer: new DeliveryWriter(db, groupCommitMs, [queueForwards(db)]),
    dictionary: loadOrCreateDictionary(db),
  };
}

/** The store for the process's connection. */
export function openReceivingStore(groupCommitMs: number): ReceivingStore {
  const db = connection();
  if (db.engine === "sqlite") return sqliteReceivingStore(db.sqlite, groupCommitMs);
  return {
    findEndpoint: (token) => endpointByToken.get(token),
    // Queues no forwards: the sending instance queues them from the deliveries table
    // (lib/db/queries/forwarding-queue-postgres.ts).
    writer: new PostgresDeliveryWriter(db.pool, groupCommitMs),
    // Plain zstd until server.ts hands the writers the newest dictionary (an await,
    // lib/db/queries/content-dictionaries.ts), before it listens.
    dictionary: null,
  };
}
