import type pg from "pg";
import { connection } from "../connection";
import { clientRows } from "../sql-query";
import { FROM_MS } from "./dialect";
import type { NewJob } from "./forwarding";

/**
 * Forwarding's jobs on PostgreSQL, one resource at a time: a job queued behind an open job
 * of its resource and rule waits, and the next waiting one is promoted when its
 * predecessor finishes. The queueing, a finish and a dead letter's retry take a
 * transaction-scoped advisory lock per (rule, resource) before they look, so that a job
 * queued as waiting is never missed by the promotion of the one it waits for (SQLite's one
 * writer gives this for free).
 */

export function pool(): pg.Pool {
  const db = connection();
  if (db.engine !== "postgresql")
    throw new Error("forwarding's PostgreSQL queries need PostgreSQL");
  return db.pool;
}

export async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollback: Error) => (broken = rollback));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/** "rule resource": what the per-resource advisory locks are taken on. */
const lockName = (ruleId: number, key: string) => `${ruleId} ${key}`;

/** Takes the per-(rule, resource) locks of these jobs, in one order for every taker. */
export async function lockResources(
  client: pg.PoolClient,
  jobs: Array<{ ruleId: number; orderKey: string }>,
) {
  const names = [
    ...new Set(
      jobs
        .filter((job) => !job.orderKey.startsWith("#"))
        .map((j) => lockName(j.ruleId, j.orderKey)),
    ),
  ].sort();
  if (names.length === 0) return;
  await client.query(
    `SELECT count(pg_advisory_xact_lock(hashtextextended(name, 0)))
       FROM unnest($1::text[]) AS u(name)`,
    [names],
  );
}

/** Of these (rule, resource) pairs, the ones with an unfinished job, as lock names. */
export async function openResources(
  client: pg.PoolClient,
  jobs: Array<{ ruleId: number; orderKey: string }>,
): Promise<Set<string>> {
  const keyed = jobs.filter((job) => !job.orderKey.startsWith("#"));
  if (keyed.length === 0) return new Set();
  const rows = await clientRows<{ rule_id: number; order_key: string }>(
    client,
    `SELECT DISTINCT j.rule_id, j.order_key FROM forward_jobs j
       JOIN unnest($1::int[], $2::text[]) AS u(rule_id, order_key)
         ON j.rule_id = u.rule_id AND j.order_key = u.order_key
      WHERE j.state IN ('waiting', 'pending', 'sending')`,
    [keyed.map((job) => job.ruleId), keyed.map((job) => job.orderKey)],
  );
  return new Set(rows.map((row) => lockName(row.rule_id, row.order_key)));
}

/** Each job's state in the order given: waiting behind an open one of its resource, queued
 *  before or earlier in the list, else pending (SQLite's enqueueMany, in one statement). */
export function statesInOrder(
  jobs: Array<{ ruleId: number; orderKey: string }>,
  open: Set<string>,
) {
  return jobs.map((job) => {
    if (job.orderKey.startsWith("#")) return "pending";
    const name = lockName(job.ruleId, job.orderKey);
    if (open.has(name)) return "waiting";
    open.add(name);
    return "pending";
  });
}

/** Inserts these jobs in the order given, under their resources' locks. */
export async function enqueuePostgres(client: pg.PoolClient, jobs: NewJob[]) {
  if (jobs.length === 0) return;
  await lockResources(client, jobs);
  const states = statesInOrder(jobs, await openResources(client, jobs));
  await client.query(
    `INSERT INTO forward_jobs (rule_id, delivery_id, order_key, state, attempts, queued_at,
       next_attempt_at)
     SELECT rule_id, delivery_id, order_key, state, 0, ${FROM_MS("queued")}, ${FROM_MS("queued")}
       FROM unnest($1::int[], $2::int8[], $3::text[], $4::text[], $5::int8[])
         AS u(rule_id, delivery_id, order_key, state, queued)`,
    [
      jobs.map((job) => job.ruleId),
      jobs.map((job) => job.deliveryId),
      jobs.map((job) => job.orderKey),
      states,
      jobs.map((job) => job.now),
    ],
  );
}

/** Dead letters back in the queue, behind what is still open for their resource (SQLite's
 *  retryDead), under their resources' locks; answers how many. */
export async function retryDeadPostgres(
  client: pg.PoolClient,
  ruleId: number,
  jobId: number | null,
  now: number,
): Promise<number> {
  await client.query("BEGIN");
  try {
    const dead = await clientRows<{ id: number; order_key: string }>(
      client,
      `SELECT id, order_key FROM forward_jobs WHERE rule_id = $1 AND state = 'dead'
         AND ($2::int IS NULL OR id = $2) ORDER BY id FOR UPDATE`,
      [ruleId, jobId],
    );
    const jobs = dead.map((row) => ({ ruleId, orderKey: row.order_key }));
    await lockResources(client, jobs);
    const states = statesInOrder(jobs, await openResources(client, jobs));
    await client.query(
      `UPDATE forward_jobs j SET state = u.state, queued_at = ${FROM_MS("$3")},
         next_attempt_at = ${FROM_MS("$3")}, done_at = NULL
         FROM unnest($1::int[], $2::text[]) AS u(id, state) WHERE j.id = u.id`,
      [dead.map((row) => row.id), states, now],
    );
    await client.query("COMMIT");
    return dead.length;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
