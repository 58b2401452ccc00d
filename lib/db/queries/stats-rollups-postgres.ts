import type pg from "pg";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../stats/time-buckets";
import { clientRows } from "../sql-query";

/**
 * The stats rollups' refresh on PostgreSQL (lib/db/queries/stats-rollups.ts says why ids
 * must settle before the watermark passes them, docs/cluster.md "The stats rollups").
 */

/** PostgreSQL's chunk: its counting takes no lock the receiver waits for. */
export const REFRESH_CHUNK_POSTGRES = 20_000;

/** The dimensions delivery_counts keeps, absent values as '' (both engines' refresh). */
export const ROLLUP_DIMS = `endpoint_id, kind, coalesce(resource_type, ''), coalesce(action, ''),
  coalesce(result, ''), signature`;

/** PostgreSQL's bucket of a timestamptz: the same UTC buckets as `ms - ms % span`. */
const bucketPg = (span: number) =>
  `date_bin(${span} * interval '1 millisecond', received_at, timestamptz '1970-01-01 00:00:00+00')`;

function countsSqlPg(span: number): string {
  return `INSERT INTO delivery_counts (span, bucket_start, endpoint_id, kind, resource_type, action,
    result, signature, count)
    SELECT ${span}, ${bucketPg(span)}, ${ROLLUP_DIMS}, count(*) FROM deliveries
    WHERE id > $1 AND id <= $2 GROUP BY 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (span, bucket_start, endpoint_id, kind, resource_type, action, result, signature)
    DO UPDATE SET count = delivery_counts.count + excluded.count`;
}

function resourcesSqlPg(span: number): string {
  return `INSERT INTO resource_counts (span, bucket_start, resource_type, resource_id, endpoint_id,
    count, failures)
    SELECT ${span}, ${bucketPg(span)}, resource_type, resource_id, endpoint_id,
      count(*), count(*) FILTER (WHERE result = 'failed') FROM deliveries
    WHERE id > $1 AND id <= $2 AND resource_type IS NOT NULL AND resource_id IS NOT NULL
    GROUP BY 2, 3, 4, 5
    ON CONFLICT (span, bucket_start, resource_type, resource_id, endpoint_id)
    DO UPDATE SET count = resource_counts.count + excluded.count,
      failures = resource_counts.failures + excluded.failures`;
}

const COUNTING_PG = [
  countsSqlPg(MINUTE_MS),
  countsSqlPg(HOUR_MS),
  resourcesSqlPg(HOUR_MS),
  resourcesSqlPg(DAY_MS),
];

/** What a PostgreSQL refresher has learnt: ids at or below `settled` can no longer appear;
 *  `candidate` is a newest id waiting for the transactions that held ids when it was read.
 *  Kept per pool: it is a fact about one database. */
export type Settling = { settled: number; candidate: { newest: number; holders: string[] } | null };

const settlings = new WeakMap<pg.Pool, Settling>();

/** The transactions (other than this one) holding a delivery id they have not committed. */
export const ID_HOLDERS = `SELECT virtualtransaction AS vxid FROM pg_locks
  WHERE locktype = 'relation' AND relation = 'deliveries_id_seq'::regclass
    AND pid IS DISTINCT FROM pg_backend_pid()`;

/** Moves `state` on with what this moment shows: the newest id, then who holds ids. */
export function settle(state: Settling, newest: number, holders: Set<string>) {
  const { candidate } = state;
  if (candidate && !candidate.holders.some((vxid) => holders.has(vxid))) {
    state.settled = Math.max(state.settled, candidate.newest);
    state.candidate = null;
  }
  if (holders.size === 0) {
    state.settled = Math.max(state.settled, newest);
    state.candidate = null;
  } else if (!state.candidate && newest > state.settled) {
    state.candidate = { newest, holders: [...holders] };
  }
}

/** One PostgreSQL chunk: the watermark under a row lock, so that two refreshers (a holder
 *  that lost its job lock and the next) never count the same ids twice. */
async function stepPostgres(client: pg.PoolClient, state: Settling, chunk: number) {
  await client.query("BEGIN");
  try {
    await client.query(
      "INSERT INTO stats_rollup_state (id, last_delivery_id) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",
    );
    const [row] = await clientRows<{ from: number }>(
      client,
      `SELECT last_delivery_id AS "from" FROM stats_rollup_state WHERE id = 1 FOR UPDATE`,
    );
    const from = row?.from ?? 0;
    const [top] = await clientRows<{ newest: number }>(
      client,
      "SELECT coalesce(max(id), 0) AS newest FROM deliveries",
    );
    const holders = await clientRows<{ vxid: string }>(client, ID_HOLDERS);
    settle(state, top?.newest ?? 0, new Set(holders.map((holder) => holder.vxid)));
    const to = Math.min(state.settled, from + chunk);
    if (to > from) {
      for (const text of COUNTING_PG) await client.query(text, [from, to]);
      await client.query("UPDATE stats_rollup_state SET last_delivery_id = $1 WHERE id = 1", [to]);
    }
    await client.query("COMMIT");
    return {
      covered: Math.max(0, to - from),
      full: to - from >= chunk,
      waiting: state.candidate !== null,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

const BEHIND_PG = `SELECT coalesce((SELECT last_delivery_id FROM stats_rollup_state WHERE id = 1), 0) AS "from",
  coalesce((SELECT max(id) FROM deliveries), 0) AS newest`;

export async function refreshPostgres(
  pool: pg.Pool,
  options: { maxChunks?: number; chunk?: number },
): Promise<{ covered: number; waiting: boolean }> {
  let state = settlings.get(pool);
  if (!state) settlings.set(pool, (state = { settled: 0, candidate: null }));
  const client = await pool.connect();
  try {
    // A plain read first: when nothing is new, which is most turns, no transaction.
    const [behind] = await clientRows<{ from: number; newest: number }>(client, BEHIND_PG);
    if (!state.candidate && (behind?.newest ?? 0) <= (behind?.from ?? 0))
      return { covered: 0, waiting: false };
    const chunk = options.chunk ?? REFRESH_CHUNK_POSTGRES;
    let covered = 0;
    for (let i = 0; i < (options.maxChunks ?? Infinity); i++) {
      const step = await stepPostgres(client, state, chunk);
      covered += step.covered;
      if (!step.full) return { covered, waiting: step.waiting };
    }
    return { covered, waiting: true };
  } finally {
    client.release();
  }
}
