import type Database from "better-sqlite3";
import { getDatabase } from "../sqlite";
import { RULE_COLUMNS, type JobFinish, type JobRow, type NewJob } from "./forwarding";

/**
 * SQLite's forwarding queries (lib/db/queries/forwarding.ts has what both engines share),
 * prepared once per connection and run synchronously: the receiver's inbox append runs in
 * its group commit's transaction, and the sender's step is one write transaction.
 *
 * Claiming is lease-based: a job taken for sending is marked `sending` with a lease expiry,
 * and a lapsed lease makes it claimable again (on PostgreSQL the claim's SELECT takes
 * FOR UPDATE SKIP LOCKED: forwarding-postgres.ts).
 */
/** A claim: lapsed leases (a send that never finished), then due jobs, earliest first;
 *  each a range of the (rule_id, state, next_attempt_at) index. One query with `(pending
 *  AND due) OR (sending AND lapsed)` read and sorted every job the rule ever had: 4.7 ms
 *  a claim at 20,000 jobs (issue 15). At most one job of a resource is open: no sort. */
export const CLAIM_SQL = {
  lapsed: `SELECT * FROM forward_jobs WHERE rule_id = @ruleId AND state = 'sending'
    AND lease_until < @now LIMIT @limit`,
  due: `SELECT * FROM forward_jobs WHERE rule_id = @ruleId AND state = 'pending'
    AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit`,
};

/** One resource's deliveries go to a target one at a time, in received order: a job queued
 *  behind an unfinished one of the same resource waits, and the next waiting one becomes
 *  pending when its predecessor is delivered or dead. So the claim needs no ordering test. */
export const OPEN_FOR_KEY = `SELECT 1 FROM forward_jobs o WHERE o.rule_id = ? AND o.order_key = ?
  AND o.state IN ('waiting', 'pending', 'sending')`;

/** A delivery some enabled rules matched, as the receiver's transaction writes it. */
export type InboxRow = { deliveryId: number; ruleIds: string; orderKey: string; now: number };

/** Rows per transaction when a view admits the whole inbox. */
const ADMIT_ALL_STEP = 2000;

/**
 * The forwarding inbox (issue 15): the receiver's transaction appends one row per new
 * delivery that matched enabled rules, to a table with no index but its key, and the
 * sender turns the rows into the rules' jobs off the receiver's path. The jobs' own
 * INSERTs (three indexes and an ordering probe each) took 3% of a saturated receiver's
 * loop in the writer's transaction; the append takes 0.5%. Part of forwardQueries.
 */
export function prepareInbox(db: Database.Database) {
  const hasOpen = db.prepare(`${OPEN_FOR_KEY} LIMIT 1`).pluck();
  // One row per statement, positional parameters: on SQLite a 20-row VALUES list took
  // twice as long per job as 20 runs of this (issue 15's queueing profile). On an engine
  // with a round trip per statement, a batch would go in one statement again.
  const insertJob = db.prepare(`INSERT INTO forward_jobs (rule_id, delivery_id, order_key, state,
    attempts, queued_at, next_attempt_at) VALUES (?, ?, ?, ?, 0, ?, ?)`);
  const insertInbox = db.prepare(`INSERT INTO forward_inbox (delivery_id, rule_ids, order_key,
    queued_at) VALUES (?, ?, ?, ?)`);
  const inboxHead = db.prepare(`SELECT delivery_id AS deliveryId, rule_ids AS ruleIds,
    order_key AS orderKey, queued_at AS now FROM forward_inbox ORDER BY delivery_id LIMIT ?`);
  const inboxTaken = db.prepare(`DELETE FROM forward_inbox WHERE delivery_id <= ?`);
  const ruleIds = db.prepare(`SELECT id FROM forward_rules`).pluck();
  /** In the order given: a job waits behind an open one of its resource, queued before or
   *  earlier in the same list (each row is in before the next one looks). */
  const enqueueMany = (jobs: NewJob[]) => {
    for (const job of jobs) {
      const open =
        !job.orderKey.startsWith("#") && hasOpen.get(job.ruleId, job.orderKey) !== undefined;
      const state = open ? "waiting" : "pending";
      insertJob.run(job.ruleId, job.deliveryId, job.orderKey, state, job.now, job.now);
    }
  };
  /** The inbox's oldest rows become their jobs, in delivery order (so one resource's jobs
   *  keep the order they were received in); a rule deleted meanwhile gets none. Answers
   *  how many rows it took. Outside a transaction of its own, for a caller's. */
  const admitRows = (limit: number) => {
    const rows = inboxHead.all(limit) as InboxRow[];
    if (rows.length === 0) return 0;
    const rules = new Set(ruleIds.all() as number[]);
    const jobs: NewJob[] = [];
    for (const row of rows) {
      for (const id of row.ruleIds.split(",")) {
        const ruleId = Number(id);
        if (rules.has(ruleId)) jobs.push({ ...row, ruleId });
      }
    }
    enqueueMany(jobs);
    inboxTaken.run(rows[rows.length - 1]!.deliveryId);
    return rows.length;
  };
  const admit = db.transaction(admitRows);
  return {
    /** The receiver's part, inside the writer's transaction: one row per delivery that
     *  matched, appended (its id is the delivery's). */
    queueInbox: (row: InboxRow) =>
      insertInbox.run(row.deliveryId, row.ruleIds, row.orderKey, row.now),
    enqueueMany,
    admitRows,
    admit,
    /** Everything in the inbox becomes jobs, for views that read the jobs. Waits for the
     *  write lock (an API request, not the receiver's path). */
    admitAll: () => {
      while (admit.immediate(ADMIT_ALL_STEP) === ADMIT_ALL_STEP);
    },
  };
}

function prepareAll(db: Database.Database) {
  const lapsed = db.prepare(CLAIM_SQL.lapsed);
  const due = db.prepare(CLAIM_SQL.due);
  const promote = db.prepare(`UPDATE forward_jobs SET state = 'pending' WHERE id = (SELECT min(id)
    FROM forward_jobs WHERE rule_id = @ruleId AND order_key = @orderKey AND state = 'waiting')
    AND NOT EXISTS (SELECT 1 FROM forward_jobs o WHERE o.rule_id = @ruleId
      AND o.order_key = @orderKey AND o.state IN ('pending', 'sending'))`);
  const hasOpen = db.prepare(`${OPEN_FOR_KEY} LIMIT 1`).pluck();
  /** A rule's lapsed leases, then its due jobs, up to limit, taken for sending. */
  const claimJobs = (ruleId: number, now: number, limit: number, leaseUntil: number) => {
    const jobs = lapsed.all({ ruleId, now, limit }) as JobRow[];
    if (jobs.length < limit)
      jobs.push(...(due.all({ ruleId, now, limit: limit - jobs.length }) as JobRow[]));
    for (const job of jobs) take.run({ id: job.id, leaseUntil });
    return jobs.map((job) => ({ ...job, state: "sending", attempts: job.attempts + 1 }));
  };
  const deadJobs = db.prepare(`SELECT id, order_key AS orderKey FROM forward_jobs
    WHERE rule_id = @ruleId AND state = 'dead' AND (@jobId IS NULL OR id = @jobId) ORDER BY id`);
  const revive = db.prepare(`UPDATE forward_jobs SET state = @state, queued_at = @now,
    next_attempt_at = @now, done_at = NULL WHERE id = @id`);
  const take = db.prepare(`UPDATE forward_jobs SET state = 'sending', lease_until = @leaseUntil,
    attempts = attempts + 1 WHERE id = @id`);
  const insertAttempt = db.prepare(`INSERT INTO forward_attempts (job_id, rule_id, delivery_id,
    status, error, duration_ms, outcome, response, created_at) VALUES (@jobId, @ruleId,
    @deliveryId, @status, @error, @durationMs, @outcome, @response, @now)`);
  const updateJob = db.prepare(`UPDATE forward_jobs SET state = @state, lease_until = NULL,
    next_attempt_at = coalesce(@nextAttemptAt, next_attempt_at), last_status = @status,
    last_error = @error, done_at = CASE WHEN @state = 'pending' THEN NULL ELSE @now END
    WHERE id = @jobId`);
  const healthOk = db.prepare(`UPDATE forward_rules SET failing_since = NULL,
    last_success_at = @now WHERE id = @ruleId`);
  const healthBad =
    db.prepare(`UPDATE forward_rules SET failing_since = coalesce(failing_since, @now),
    last_error = @error, last_error_at = @now WHERE id = @ruleId`);
  return {
    rules: db.prepare(`SELECT ${RULE_COLUMNS.sqlite} FROM forward_rules ORDER BY id`),
    rule: db.prepare(`SELECT ${RULE_COLUMNS.sqlite} FROM forward_rules WHERE id = ?`),
    ...prepareInbox(db),
    /** Outside a transaction of its own, for a caller's (the sender's tick). */
    claimJobs,
    claim: db.transaction(claimJobs),
    finish: db.transaction((done: JobFinish) => {
      insertAttempt.run(done);
      updateJob.run(done);
      if (done.state !== "pending") promote.run(done);
      if (done.outcome === "delivered") healthOk.run(done);
      else healthBad.run(done);
    }),
    releaseLeases: db.prepare(`UPDATE forward_jobs SET state = 'pending', lease_until = NULL
      WHERE state = 'sending'`),
    /** The next retry that is not due yet (due ones are claimed or wait on their resource). */
    nextDue: db
      .prepare(
        `SELECT min(next_attempt_at) FROM forward_jobs WHERE rule_id = ?
      AND state = 'pending' AND next_attempt_at > ?`,
      )
      .pluck(),
    /** Dead letters go back in the queue, behind what is still open for their resource. */
    retryDead: db.transaction((ruleId: number, jobId: number | null, now: number) => {
      const jobs = deadJobs.all({ ruleId, jobId }) as Array<{ id: number; orderKey: string }>;
      for (const job of jobs) {
        const open = hasOpen.get(ruleId, job.orderKey) !== undefined;
        revive.run({ id: job.id, state: open ? "waiting" : "pending", now });
      }
      return jobs.length;
    }),
  };
}

export type ForwardQueries = ReturnType<typeof prepareAll>;

const prepared = new WeakMap<Database.Database, ForwardQueries>();

export function forwardQueries(db: Database.Database = getDatabase()): ForwardQueries {
  let queries = prepared.get(db);
  if (!queries) {
    queries = prepareAll(db);
    prepared.set(db, queries);
  }
  return queries;
}
