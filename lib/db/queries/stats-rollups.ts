import type Database from "better-sqlite3";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../stats/time-buckets";
import { connection } from "../connection";
import { refreshPostgres, ROLLUP_DIMS } from "./stats-rollups-postgres";

/**
 * The stats rollups (delivery_counts, resource_counts) kept from the deliveries after
 * stats_rollup_state's watermark, in both dialects (STYLE.md, docs/cluster.md). Every id
 * at or below the watermark is counted if it is stored; the deliveries above it are what
 * the stats reads count themselves (lib/db/queries/stats.ts).
 *
 * SQLite: one writer, ids commit in order, so everything below the newest id is final and
 * the watermark follows it; a stats request refreshes synchronously first.
 *
 * PostgreSQL: an id is drawn (nextval) before its row commits, so a transaction still in
 * flight may commit an id below one already visible, and a watermark at the newest id
 * would skip it for good. The watermark moves only to ids that are **settled**: the
 * newest id seen at some moment, once every transaction that held a delivery id at that
 * moment has ended. A transaction that drew an id holds a lock on deliveries_id_seq until
 * it ends (nextval takes it for the whole transaction), so the holders are read from
 * pg_locks right after the newest id, and whatever they commit is visible to the counting
 * statements that run after they are gone. This does not rely on the writers' ingest lock.
 */

/** Delivery ids counted per transaction: a few ms of work, so the receiver waits little. */
export const REFRESH_CHUNK = 2_000;
function countsSql(span: number): string {
  return `INSERT INTO delivery_counts (span, bucket_start, endpoint_id, kind, resource_type, action,
    result, signature, count)
    SELECT ${span}, received_at - received_at % ${span}, ${ROLLUP_DIMS}, count(*) FROM deliveries
    WHERE id > @from AND id <= @to GROUP BY 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT DO UPDATE SET count = count + excluded.count`;
}

function resourcesSql(span: number): string {
  return `INSERT INTO resource_counts (span, bucket_start, resource_type, resource_id, endpoint_id,
    count, failures)
    SELECT ${span}, received_at - received_at % ${span}, resource_type, resource_id, endpoint_id,
      count(*), sum(result IS 'failed') FROM deliveries
    WHERE id > @from AND id <= @to AND resource_type IS NOT NULL AND resource_id IS NOT NULL
    GROUP BY 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET count = count + excluded.count, failures = failures + excluded.failures`;
}

type Statements = { behind: () => boolean; step: (maxRows: number) => number };
const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  let found = cache.get(db);
  if (found) return found;
  const watermark = db
    .prepare("SELECT last_delivery_id FROM stats_rollup_state WHERE id = 1")
    .pluck();
  const newest = db.prepare("SELECT max(id) FROM deliveries").pluck();
  const minutes = db.prepare(countsSql(MINUTE_MS));
  const hours = db.prepare(countsSql(HOUR_MS));
  const resourceHours = db.prepare(resourcesSql(HOUR_MS));
  const resourceDays = db.prepare(resourcesSql(DAY_MS));
  const advance = db.prepare(`INSERT INTO stats_rollup_state (id, last_delivery_id) VALUES (1, @to)
    ON CONFLICT (id) DO UPDATE SET last_delivery_id = excluded.last_delivery_id`);
  // The watermark is read inside the write transaction, so two refreshes (the background
  // one and a request's) never count the same deliveries twice.
  const step = db.transaction((maxRows: number) => {
    const from = (watermark.get() as number | undefined) ?? 0;
    const last = (newest.get() as number | null) ?? 0;
    if (last <= from) return 0;
    const to = Math.min(last, from + maxRows);
    const range = { from, to };
    minutes.run(range);
    hours.run(range);
    resourceHours.run(range);
    resourceDays.run(range);
    advance.run({ to });
    return to - from;
  });
  found = {
    // A plain read first: when nothing is new, which is most requests, no write lock.
    behind: () =>
      ((newest.get() as number | null) ?? 0) > ((watermark.get() as number | undefined) ?? 0),
    step: (maxRows) => step.immediate(maxRows),
  };
  cache.set(db, found);
  return found;
}

/**
 * SQLite: counts the deliveries stored since the last refresh into the rollups and moves
 * the watermark past them, one chunk per transaction, synchronously. Ids grow in commit
 * order, so "after the watermark" is exactly "not counted yet". Returns how many delivery
 * ids it covered; `maxChunks` bounds the work of one call. Also the bench scripts' seeding.
 */
export function refreshRollupsSqlite(
  db: Database.Database,
  options: { maxChunks?: number; chunk?: number } = {},
): number {
  const { behind, step } = statements(db);
  const chunk = options.chunk ?? REFRESH_CHUNK;
  let covered = 0;
  if (!behind()) return 0;
  for (let i = 0; i < (options.maxChunks ?? Infinity); i++) {
    const done = step(chunk);
    covered += done;
    if (done < chunk) break;
  }
  return covered;
}

/**
 * Counts what is new into the rollups, at most `maxChunks` chunks. Answers how many
 * delivery ids it covered, and whether newer ids wait to settle (PostgreSQL: a
 * transaction that held an id was still in flight, or more chunks are due), in which
 * case the caller runs it again a little later even if nothing new arrives. SQLite runs
 * synchronously inside, as it always did.
 */
export function refreshRollups(
  options: { maxChunks?: number; chunk?: number } = {},
): Promise<{ covered: number; waiting: boolean }> {
  const db = connection();
  if (db.engine === "sqlite")
    return Promise.resolve({ covered: refreshRollupsSqlite(db.sqlite, options), waiting: false });
  return refreshPostgres(db.pool, options);
}
