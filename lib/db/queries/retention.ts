import type Database from "better-sqlite3";
import type pg from "pg";
import { cachedStatement } from "../cached-statement";
import { connection } from "../connection";
import { clientRows, type DialectSql } from "../sql-query";
import { FROM_MS } from "./dialect";

/**
 * Retention's SQL (lib/retention/prune-deliveries.ts decides what is due and paces it), one
 * store per engine chosen once (STYLE.md, "The hot paths"). SQLite's answers synchronously:
 * each batch is one better-sqlite3 transaction on the receiver's own connection, as before
 * the port, so the event loop is held for one small batch and nothing more. PostgreSQL's
 * runs each batch in a short transaction of its own on a pooled connection.
 *
 * With a delivery go its content, replays, kept timeline steps (whole and per endpoint),
 * forwarding inbox row, forward jobs and their attempts (foreign-key cascades on both
 * engines), its search terms and its counts in the stats rollups (the triggers
 * `deliveries_search_unindex` and `deliveries_stats_uncount`, ported to PL/pgSQL), and its
 * resource_changes (explicitly, below). A resource row, and the timeline heads the keeper
 * left, go once the last delivery they point at is gone (`deleteLeftovers`).
 */
type Answer<T> = T | Promise<T>;

export type RetentionStore = {
  /** The lowest and highest delivery ids, or null when there are none. */
  idRange(): Answer<{ minId: number; maxId: number } | null>;
  /** The id `offset` places below the newest (the newest one past a count limit of `offset`). */
  idBelowNewest(offset: number): Answer<number | undefined>;
  /** The delivery received last before `cutoff` (Unix ms). */
  lastReceivedBefore(cutoff: number): Answer<number | undefined>;
  /** One batch: the deliveries with ids in [from, to) (and received before `cutoff` unless
   *  null), with everything that goes with them; answers how many deliveries went. */
  deleteBatch(from: number, to: number, cutoff: number | null): Answer<number>;
  /** Up to `limit` each of the resources and timeline heads left pointing at a delivery
   *  below `to` that is gone; answers the most of one kind that went. */
  deleteLeftovers(to: number, limit: number): Answer<number>;
};

type Range = { minId: number | null; maxId: number | null };

const ID_RANGE: DialectSql = {
  sqlite: "SELECT min(id) AS minId, max(id) AS maxId FROM deliveries",
  postgresql: `SELECT min(id) AS "minId", max(id) AS "maxId" FROM deliveries`,
};

const ID_BELOW_NEWEST: DialectSql = {
  sqlite: "SELECT id FROM deliveries ORDER BY id DESC LIMIT 1 OFFSET ?",
  postgresql: "SELECT id FROM deliveries ORDER BY id DESC LIMIT 1 OFFSET $1",
};

// Ids follow arrival; the received_at condition in the delete covers clock steps (and, on
// PostgreSQL, instances whose clocks differ).
const LAST_RECEIVED_BEFORE: DialectSql = {
  sqlite: "SELECT id FROM deliveries WHERE received_at < ? ORDER BY received_at DESC LIMIT 1",
  postgresql: `SELECT id FROM deliveries WHERE received_at < ${FROM_MS("$1::float8")}
    ORDER BY received_at DESC LIMIT 1`,
};

const rangeOf = (row: Range | undefined) =>
  row?.minId == null || row.maxId == null ? null : { minId: row.minId, maxId: row.maxId };

/** SQLite's store on a handle (the server's connection, or a test's database). */
export function sqliteRetentionStore(db: Database.Database): RetentionStore {
  const deleteDeliveries = db.prepare(
    "DELETE FROM deliveries WHERE id >= @from AND id < @to AND (@cutoff IS NULL OR received_at < @cutoff)",
  );
  const deleteChanges =
    db.prepare(`DELETE FROM resource_changes WHERE delivery_id >= @from AND delivery_id < @to
    AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = resource_changes.delivery_id)`);
  const deleteResources =
    db.prepare(`DELETE FROM resources WHERE rowid IN (SELECT rowid FROM resources
    WHERE last_event_id < @to AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = resources.last_event_id)
    LIMIT @limit)`);
  const deleteTimelineHeads =
    db.prepare(`DELETE FROM timeline_heads WHERE rowid IN (SELECT rowid FROM timeline_heads
    WHERE through_id < @to AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = timeline_heads.through_id)
    LIMIT @limit)`);
  // Endpoints' own timelines go with their resource's whole one (their steps went with
  // the deliveries).
  const deleteEndpointHeads =
    db.prepare(`DELETE FROM timeline_endpoint_heads WHERE rowid IN (SELECT e.rowid
    FROM timeline_endpoint_heads e WHERE NOT EXISTS (SELECT 1 FROM timeline_heads h
      WHERE h.resource_type = e.resource_type AND h.resource_id = e.resource_id)
    LIMIT @limit)`);

  const batch = db.transaction((from: number, to: number, cutoff: number | null) => {
    const deleted = deleteDeliveries.run({ from, to, cutoff }).changes;
    deleteChanges.run({ from, to });
    return deleted;
  });
  const leftovers = db.transaction((to: number, limit: number) =>
    Math.max(
      deleteResources.run({ to, limit }).changes,
      deleteTimelineHeads.run({ to, limit }).changes,
      deleteEndpointHeads.run({ limit }).changes,
    ),
  );
  const first = <Row>(sql: DialectSql, ...params: unknown[]) =>
    cachedStatement(db, sql.sqlite).get(...params) as Row | undefined;
  return {
    idRange: () => rangeOf(first<Range>(ID_RANGE)),
    idBelowNewest: (offset) => first<{ id: number }>(ID_BELOW_NEWEST, offset)?.id,
    lastReceivedBefore: (cutoff) => first<{ id: number }>(LAST_RECEIVED_BEFORE, cutoff)?.id,
    deleteBatch: (from, to, cutoff) => batch(from, to, cutoff),
    deleteLeftovers: (to, limit) => leftovers(to, limit),
  };
}

/**
 * A delivery's rollup counts and search terms are taken out by the delete triggers when it
 * is at or below their job's watermark. Those jobs move their watermark in a transaction
 * that holds its state row FOR UPDATE while it reads the deliveries it counts; a batch
 * holds both rows FOR SHARE first, so its triggers read the watermark either before such a
 * transaction (which then no longer sees the deleted rows) or after it has committed (and
 * take out what it counted). The rollups' trigger also reads its row FOR SHARE itself (since
 * the stats port); the search index's does not, and its PostgreSQL indexer is still to come.
 * Taken once up front, the locks are held for the whole batch. Receivers take neither lock:
 * they never wait for a batch.
 */
const HOLD_WATERMARKS = `SELECT
  (SELECT 1 FROM stats_rollup_state WHERE id = 1 FOR SHARE),
  (SELECT 1 FROM search_index_state WHERE id = 1 FOR SHARE)`;

const PG_DELETE_DELIVERIES = `DELETE FROM deliveries WHERE id >= $1 AND id < $2
  AND ($3::float8 IS NULL OR received_at < ${FROM_MS("$3::float8")})`;

// No foreign key from resource_changes (the change index is written apart from the receiver).
const PG_DELETE_CHANGES = `DELETE FROM resource_changes c WHERE delivery_id >= $1 AND delivery_id < $2
  AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = c.delivery_id)`;

// The rows are chosen and locked in the subquery, FOR UPDATE SKIP LOCKED: a resource that
// a receiver on another instance is updating right now is left for the next run (its new
// delivery usually keeps it), so a batch never waits for a receiver nor deadlocks with
// one; a row updated and committed since the statement began is checked again as it is
// now (its new last_event_id is above `to`), so a resource just received is never taken.
const PG_DELETE_RESOURCES = `DELETE FROM resources r
  WHERE (r.resource_type, r.resource_id) IN (SELECT resource_type, resource_id FROM resources s
    WHERE s.last_event_id < $1 AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = s.last_event_id)
    LIMIT $2 FOR UPDATE SKIP LOCKED)`;

const PG_DELETE_TIMELINE_HEADS = `DELETE FROM timeline_heads
  WHERE key IN (SELECT key FROM timeline_heads h
    WHERE h.through_id < $1 AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = h.through_id)
    LIMIT $2 FOR UPDATE SKIP LOCKED)`;

const PG_DELETE_ENDPOINT_HEADS = `DELETE FROM timeline_endpoint_heads
  WHERE key IN (SELECT key FROM timeline_endpoint_heads e WHERE NOT EXISTS (SELECT 1
      FROM timeline_heads h WHERE h.resource_type = e.resource_type AND h.resource_id = e.resource_id)
    LIMIT $1 FOR UPDATE SKIP LOCKED)`;

async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>) {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

const inTransaction = <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>) =>
  withClient(pool, async (client) => {
    await client.query("BEGIN");
    try {
      const answer = await work(client);
      await client.query("COMMIT");
      return answer;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });

/**
 * PostgreSQL's store: each batch a short READ COMMITTED transaction, so that receivers on
 * every instance go on writing while it runs (they add rows above the planned ids and
 * never wait for a batch). Ids commit in order under the ingest lock, so an id planned
 * from a committed row is below every delivery still being written.
 */
export function postgresRetentionStore(pool: pg.Pool): RetentionStore {
  const changed = async (client: pg.PoolClient, text: string, values: unknown[]) =>
    (await client.query(text, values)).rowCount ?? 0;
  const first = async <Row>(sql: DialectSql, ...params: unknown[]) =>
    (await withClient(pool, (client) => clientRows<Row>(client, sql.postgresql, params)))[0];
  return {
    idRange: async () => rangeOf(await first<Range>(ID_RANGE)),
    idBelowNewest: async (offset) => (await first<{ id: number }>(ID_BELOW_NEWEST, offset))?.id,
    lastReceivedBefore: async (cutoff) =>
      (await first<{ id: number }>(LAST_RECEIVED_BEFORE, cutoff))?.id,
    deleteBatch: (from, to, cutoff) =>
      inTransaction(pool, async (client) => {
        await clientRows(client, HOLD_WATERMARKS);
        const deleted = await changed(client, PG_DELETE_DELIVERIES, [from, to, cutoff]);
        await changed(client, PG_DELETE_CHANGES, [from, to]);
        return deleted;
      }),
    deleteLeftovers: (to, limit) =>
      inTransaction(pool, async (client) =>
        Math.max(
          await changed(client, PG_DELETE_RESOURCES, [to, limit]),
          await changed(client, PG_DELETE_TIMELINE_HEADS, [to, limit]),
          await changed(client, PG_DELETE_ENDPOINT_HEADS, [limit]),
        ),
      ),
  };
}

/** The store for the process's connection. */
export function openRetentionStore(): RetentionStore {
  const db = connection();
  return db.engine === "sqlite" ? sqliteRetentionStore(db.sqlite) : postgresRetentionStore(db.pool);
}
