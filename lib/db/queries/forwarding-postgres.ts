import { activeRulesRecent, toActiveRule } from "../../forwarding/forward-rules-cache";
import { clientRows } from "../sql-query";
import { FROM_MS, MS } from "./dialect";
import { forwardRule, type JobFinish, type JobRow, type SenderStore } from "./forwarding";
import { inTransaction, lockResources, pool } from "./forwarding-jobs-postgres";
import { ENABLED_RULES, queuePostgres, type ActiveRuleRow } from "./forwarding-queue-postgres";

/**
 * The forward sender's claims and records on PostgreSQL (docs/cluster.md, "Forwarding
 * across instances"): claims take due jobs FOR UPDATE SKIP LOCKED and mark them `sending`
 * with a lease and one more attempt; a finish records only if the job is still the claim
 * it made (`sending` at that attempt), so a sender that lost the job lock cannot record
 * over its successor's.
 */

/** Jobs left `sending` by a sender that stopped or died: due again (the new holder's start). */
export async function releaseLeasesPostgres() {
  await pool().query(
    `UPDATE forward_jobs SET state = 'pending', lease_until = NULL
      WHERE rule_id IN (SELECT id FROM forward_rules) AND state = 'sending'`,
  );
}

const RETURNED_JOB = `id, rule_id, delivery_id, order_key, state, attempts, ${MS("queued_at")} AS queued_at,
  ${MS("next_attempt_at")} AS next_attempt_at, ${MS("lease_until")} AS lease_until, last_status,
  last_error, ${MS("done_at")} AS done_at`;

/** Takes the ids the subquery picks for sending, unless the rule is paused. */
const TAKE = (pick: string) => `UPDATE forward_jobs SET state = 'sending',
    lease_until = ${FROM_MS("$4")}, attempts = attempts + 1
  WHERE id IN (${pick} FOR UPDATE SKIP LOCKED)
    AND NOT EXISTS (SELECT 1 FROM forward_rules r WHERE r.id = $1 AND r.paused)
  RETURNING ${RETURNED_JOB}`;

/** A claim: lapsed leases first, then due jobs earliest first (SQLite's CLAIM_SQL). */
const CLAIM_POSTGRES = {
  lapsed: TAKE(`SELECT id FROM forward_jobs WHERE rule_id = $1 AND state = 'sending'
    AND lease_until < ${FROM_MS("$2")} LIMIT $3`),
  due: TAKE(`SELECT id FROM forward_jobs WHERE rule_id = $1 AND state = 'pending'
    AND next_attempt_at <= ${FROM_MS("$2")} ORDER BY next_attempt_at, id LIMIT $3`),
};

const byDue = (a: JobRow, b: JobRow) => a.next_attempt_at - b.next_attempt_at || a.id - b.id;

/** A rule's lapsed leases, then its due jobs, up to limit, taken for sending; with fewer
 *  than limit, the rule's next retry that is not due yet. */
export async function claimPostgres(
  ruleId: number,
  now: number,
  limit: number,
  leaseUntil: number,
): Promise<{ jobs: JobRow[]; due: number | null }> {
  const db = pool();
  const params = [ruleId, now, limit, leaseUntil];
  const jobs = (await db.query<JobRow>({ text: CLAIM_POSTGRES.lapsed, values: params })).rows;
  if (jobs.length < limit) {
    params[2] = limit - jobs.length;
    const due = (await db.query<JobRow>({ text: CLAIM_POSTGRES.due, values: params })).rows;
    jobs.push(...due.sort(byDue));
  }
  const parsed = jobs.map(numericJob);
  if (parsed.length >= limit) return { jobs: parsed, due: null };
  const [next] = (
    await db.query<{ due: string | null }>(
      `SELECT ${MS("min(next_attempt_at)")} AS due FROM forward_jobs WHERE rule_id = $1
        AND state = 'pending' AND next_attempt_at > ${FROM_MS("$2")}`,
      [ruleId, now],
    )
  ).rows;
  return {
    jobs: parsed,
    due: next?.due === null || next?.due === undefined ? null : Number(next.due),
  };
}

/** pg answers bigint columns as text: the job's ids and times as numbers. */
function numericJob(row: JobRow): JobRow {
  const num = (value: unknown) => (value === null ? null : Number(value));
  return {
    ...row,
    delivery_id: Number(row.delivery_id),
    queued_at: Number(row.queued_at),
    next_attempt_at: Number(row.next_attempt_at),
    lease_until: num(row.lease_until),
    done_at: num(row.done_at),
  };
}

/**
 * Records an attempt and its job's next state, promotes the resource's next waiting job
 * when this one is done, and the rule's health, in one transaction; only if the job is
 * still the claim this sender made (`sending`, at `attempts`). Answers whether it recorded.
 */
export function finishPostgres(done: JobFinish, attempts: number): Promise<boolean> {
  return inTransaction(async (client) => {
    const promotes = done.state !== "pending" && !done.orderKey.startsWith("#");
    if (promotes) await lockResources(client, [done]);
    const updated = await client.query(
      `UPDATE forward_jobs SET state = $2, lease_until = NULL,
         next_attempt_at = coalesce(${FROM_MS("$3")}, next_attempt_at), last_status = $4,
         last_error = $5, done_at = CASE WHEN $2 = 'pending' THEN NULL ELSE ${FROM_MS("$6")} END
       WHERE id = $1 AND state = 'sending' AND attempts = $7`,
      [done.jobId, done.state, done.nextAttemptAt, done.status, done.error, done.now, attempts],
    );
    if (updated.rowCount === 0) return false;
    await client.query(
      `INSERT INTO forward_attempts (job_id, rule_id, delivery_id, status, error, duration_ms,
         outcome, response, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${FROM_MS("$9")})`,
      [
        done.jobId,
        done.ruleId,
        done.deliveryId,
        done.status,
        done.error,
        done.durationMs,
        done.outcome,
        done.response,
        done.now,
      ],
    );
    if (promotes) {
      await client.query(
        `UPDATE forward_jobs SET state = 'pending' WHERE id = (SELECT min(id) FROM forward_jobs
           WHERE rule_id = $1 AND order_key = $2 AND state = 'waiting')
           AND NOT EXISTS (SELECT 1 FROM forward_jobs o WHERE o.rule_id = $1
             AND o.order_key = $2 AND o.state IN ('pending', 'sending'))`,
        [done.ruleId, done.orderKey],
      );
    }
    if (done.outcome === "delivered") {
      await client.query(
        `UPDATE forward_rules SET failing_since = NULL, last_success_at = ${FROM_MS("$2")}
          WHERE id = $1`,
        [done.ruleId, done.now],
      );
    } else {
      await client.query(
        `UPDATE forward_rules SET failing_since = coalesce(failing_since, ${FROM_MS("$2")}),
           last_error = $3, last_error_at = ${FROM_MS("$2")} WHERE id = $1`,
        [done.ruleId, done.now, done.error],
      );
    }
    return true;
  });
}

/** How long the sending instance keeps the enabled rules it read: a rule changed through
 *  another instance reaches its sender within this. */
const RULES_MAX_AGE_MS = 1_000;
/** With nothing due, look again this often: a rule resumed or a dead letter retried
 *  through another instance is not announced to the sender. */
const IDLE_POLL_MS = 1_000;
/** While ids settle, look again this soon. */
const SETTLING_MS = 50;
/** A record that failed (a lost connection) is tried again this much later. */
const RECORD_RETRY_MS = 500;

/** The sender's store on PostgreSQL, for the instance holding the job lock "forwarding". */
export function postgresSenderStore(): SenderStore {
  const loadRules = async () =>
    (await clientRowsOnPool<ActiveRuleRow>(ENABLED_RULES)).map(toActiveRule);
  return {
    releaseLeases: releaseLeasesPostgres,
    activeRules: () => activeRulesRecent(loadRules, RULES_MAX_AGE_MS),
    // Whether a delivery matches is decided by the queueing step, from the table.
    deliveriesBringWork: () => true,
    takeStep: async (tick) => {
      const queue = await queuePostgres({ steps: 1 });
      let nextAt = tick.now + (queue.more ? 0 : queue.waiting ? SETTLING_MS : IDLE_POLL_MS);
      for (const want of tick.wants) {
        const { jobs, due } = await claimPostgres(
          want.ruleId,
          tick.now,
          want.free,
          tick.leaseUntil,
        );
        tick.claimed.push(...jobs);
        if (due !== null) nextAt = Math.min(nextAt, due);
      }
      return nextAt;
    },
    rule: forwardRule,
    record: async (done, claim) => {
      try {
        // False when the job is no longer this claim: nothing of it is to record.
        await finishPostgres(done, claim.attempts);
        return true;
      } catch (error) {
        console.error("recording a forward failed", error);
        return false;
      }
    },
    retryMs: RECORD_RETRY_MS,
  };
}

async function clientRowsOnPool<Row>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = await pool().connect();
  try {
    return await clientRows<Row>(client, text, values);
  } finally {
    client.release();
  }
}
