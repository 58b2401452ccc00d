import type pg from "pg";
import type { DeliveryRecord, StoredDelivery } from "../../ingest/delivery-record";
import { DUPLICATE_WINDOW_MS } from "../../ingest/delivery-writer";
import { clientRows } from "../sql-query";
import { RECORD_COLUMNS } from "./delivery-columns";
import { MS, postgresArray } from "./dialect";
import {
  RESOURCE_WRITE_PARAMETERS,
  resourceWritesSql,
  resourceWriteValues,
} from "./resources-postgres";

type Pending = {
  record: DeliveryRecord;
  resolve: (stored: StoredDelivery) => void;
  reject: (error: unknown) => void;
};

const MAX_BATCH = 512;

/** "ingest" in ASCII: the lock every instance's batch takes before it numbers its rows. */
export const INGEST_LOCK = BigInt("0x696e67657374").toString();

/** Where committed batches are announced (lib/db/queries/delivery-listener.ts hears them). */
export const DELIVERIES_CHANNEL = "hooklens_deliveries";

/**
 * The receiver's group commit on PostgreSQL (STYLE.md, "The hot paths"): deliveries that
 * arrive while a batch is written wait for the next one, and a batch is one transaction
 * of a few multi-row statements, awaited once. A request is answered after its batch
 * committed, so a 200 means durable, as on SQLite.
 *
 * Every instance's batch takes one transaction-scoped advisory lock (INGEST_LOCK) before
 * it draws its ids, and holds it to its commit. So, across instances:
 * - ids commit in order: a reader that has seen id n has seen every id below it, which is
 *   what stream catch-up (Last-Event-ID), the listener's catch-up and the rollups rely on;
 * - the platform's re-send is recognised whichever instance it reaches: the batch looks up
 *   its bodies' latest delivery (deliveries_resend_idx) with no other batch between the
 *   look-up and the commit, and a re-send of a re-send points at the first of the chain,
 *   with SQLite's rule (an identical body within DUPLICATE_WINDOW_MS of the last one).
 * The lock is held for one batch's few round trips; a busy instance sends big batches.
 */
export class PostgresDeliveryWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private writing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly windowMs = 0,
  ) {}

  write(record: DeliveryRecord): Promise<StoredDelivery> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.schedule();
    });
  }

  /** Starts the waiting batch now (at shutdown); what is in flight finishes on its own. */
  flush() {
    if (!this.writing && this.queue.length > 0) this.run();
  }

  private schedule() {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    if (this.windowMs > 0) setTimeout(() => this.run(), this.windowMs);
    else setImmediate(() => this.run());
  }

  private run() {
    this.scheduled = false;
    if (this.writing) return;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    this.writing = true;
    void this.writeBatch(batch).finally(() => {
      this.writing = false;
      if (this.queue.length > 0) this.schedule();
    });
  }

  private async writeBatch(batch: Pending[]) {
    let stored: StoredDelivery[];
    try {
      stored = await this.commit(batch.map((pending) => pending.record));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One bad row (an endpoint deleted meanwhile) must not fail its neighbours.
      for (const pending of batch) {
        try {
          const [one] = await this.commit([pending.record]);
          pending.resolve(one!);
        } catch (alone) {
          pending.reject(alone);
        }
      }
      return;
    }
    batch.forEach((pending, i) => pending.resolve(stored[i]!));
  }

  private async commit(records: DeliveryRecord[]): Promise<StoredDelivery[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      try {
        const ids = await beginNumbered(client, records.length);
        const stored = await findDuplicates(client, records, ids);
        await client.query({
          name: "hooklens-ingest-write",
          text: WRITE_BATCH,
          values: writeValues(records, stored),
        });
        await client.query("COMMIT");
        return stored;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollback: Error) => (broken = rollback));
        throw error;
      }
    } finally {
      // A client whose rollback failed may be mid-transaction: it leaves the pool.
      client.release(broken);
    }
  }
}

type Latest = { endpoint_id: string; body_hash: string; root: number; at: number };

const keyOf = (record: DeliveryRecord) => `${record.endpointId}:${record.bodyHash}`;

/**
 * Opens the batch's transaction, takes the ingest lock and draws its ids, in one round
 * trip (a simple query of three statements: the lock is held for as few round trips as
 * the batch needs, four in all, since every instance's batches wait on it).
 */
async function beginNumbered(client: pg.PoolClient, count: number): Promise<number[]> {
  const results = (await client.query(
    `BEGIN; SELECT pg_advisory_xact_lock(${INGEST_LOCK});
     SELECT nextval('deliveries_id_seq') AS id FROM generate_series(1, ${Math.trunc(count)})`,
  )) as unknown as pg.QueryResult<{ id: string }>[];
  return results[2]!.rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

/** Each record's id and the first delivery of its chain of identical bodies, if any. */
async function findDuplicates(
  client: pg.PoolClient,
  records: DeliveryRecord[],
  ids: number[],
): Promise<StoredDelivery[]> {
  const keys = new Map<string, { endpointId: string; bodyHash: string }>();
  for (const record of records) {
    if (record.kind !== "verification") keys.set(keyOf(record), record);
  }
  const known = new Map<string, { root: number; lastAt: number }>();
  if (keys.size > 0) {
    const wanted = [...keys.values()];
    const rows = await clientRows<Latest>(
      client,
      `SELECT k.endpoint_id, k.body_hash, d.root, d.at
         FROM unnest($1::text[], $2::text[]) AS k(endpoint_id, body_hash)
         CROSS JOIN LATERAL (
           SELECT coalesce(duplicate_of, id) AS root, ${MS("received_at")} AS at FROM deliveries
            WHERE endpoint_id = k.endpoint_id AND body_hash = k.body_hash AND kind <> 'verification'
            ORDER BY id DESC LIMIT 1) AS d`,
      [wanted.map((key) => key.endpointId), wanted.map((key) => key.bodyHash)],
    );
    for (const row of rows)
      known.set(`${row.endpoint_id}:${row.body_hash}`, { root: row.root, lastAt: row.at });
  }
  return records.map((record, i) => {
    const id = ids[i]!;
    if (record.kind === "verification") return { id, duplicateOf: null };
    const key = keyOf(record);
    const seen = known.get(key);
    const duplicateOf =
      seen && seen.lastAt >= record.receivedAt - DUPLICATE_WINDOW_MS ? seen.root : null;
    known.set(key, { root: duplicateOf ?? id, lastAt: record.receivedAt });
    return { id, duplicateOf };
  });
}

/**
 * The rest of a batch in one statement, prepared once per connection: its deliveries,
 * their contents, their resources (resources-postgres.ts) and the announcement of its ids
 * (pg_notify is sent at commit). Parameters: $1 ids, $2 duplicate_of, $3 received_at,
 * then RECORD_COLUMNS' arrays, the contents' three, the resources' and the id range.
 */
const WRITE_BATCH = (() => {
  const names = RECORD_COLUMNS.map(([column]) => column);
  const arrays = RECORD_COLUMNS.map(([, type], i) => `$${i + 4}::${type}[]`);
  const contents = RECORD_COLUMNS.length + 4;
  const resources = contents + 3;
  const notify = resources + RESOURCE_WRITE_PARAMETERS;
  return `WITH delivered AS (
      INSERT INTO deliveries (id, duplicate_of, received_at, ${names.join(", ")})
      SELECT id, duplicate_of, to_timestamp(received_at / 1000.0), ${names.join(", ")}
        FROM unnest($1::int8[], $2::int8[], $3::int8[], ${arrays.join(", ")})
          AS u(id, duplicate_of, received_at, ${names.join(", ")})),
    contents AS (
      INSERT INTO delivery_contents (delivery_id, encoding, headers, body)
      SELECT * FROM unnest($1::int8[], $${contents}::text[], $${contents + 1}::bytea[],
                           $${contents + 2}::bytea[])),
    ${resourceWritesSql(resources)}
    SELECT pg_notify('${DELIVERIES_CHANNEL}', $${notify}::text)`;
})();

function writeValues(records: DeliveryRecord[], stored: StoredDelivery[]): unknown[] {
  return [
    stored.map((row) => row.id),
    stored.map((row) => row.duplicateOf),
    records.map((record) => record.receivedAt),
    ...RECORD_COLUMNS.map(([, type, value]) => postgresArray(type, records.map(value))),
    records.map((record) => record.encoding),
    records.map((record) => record.headers),
    records.map((record) => record.body),
    ...resourceWriteValues(records, stored),
    `${stored[0]!.id}-${stored[stored.length - 1]!.id}`,
  ];
}
