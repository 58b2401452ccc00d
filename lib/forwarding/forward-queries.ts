import type Database from "better-sqlite3";
import { getDatabase } from "../db/sqlite";
import { SUMMARY_COLUMNS } from "../events/delivery-summary";
import { CLAIM_SQL } from "./claim-sql";
import { OPEN_FOR_KEY, prepareInbox } from "./forward-inbox";
import type { ForwardAttemptView } from "./forward-types";

/**
 * Every query of the forwarding domain, in one place so that the data layer can carry
 * it to another engine: plain SQL (no SQLite-only constructs), times as Unix ms integers,
 * booleans as 0/1. Statements are prepared once per connection.
 *
 * Claiming is lease-based: a job taken for sending is marked `sending` with a lease expiry,
 * and a lapsed lease makes it claimable again, so several senders could share the queue
 * (on PostgreSQL, the claim's SELECT takes FOR UPDATE SKIP LOCKED).
 */
export type RuleRow = {
  id: number;
  name: string;
  url: string;
  filter: string;
  mode: string;
  endpoint_id: string | null;
  chat: string | null;
  template: string | null;
  headers: string;
  enabled: number;
  paused: number;
  concurrency: number;
  failing_since: number | null;
  last_error: string | null;
  last_error_at: number | null;
  last_success_at: number | null;
  created_at: number;
  updated_at: number;
};

export type RuleFields = Pick<
  RuleRow,
  "name" | "url" | "filter" | "mode" | "endpoint_id" | "chat" | "template" | "headers"
> & { enabled: number; concurrency: number };

export type JobRow = {
  id: number;
  rule_id: number;
  delivery_id: number;
  order_key: string;
  state: string;
  attempts: number;
  queued_at: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_status: number | null;
  last_error: string | null;
  done_at: number | null;
};

/** An attempt as the table holds it: the API's view, with the time as Unix ms. */
export type AttemptRow = Omit<ForwardAttemptView, "outcome" | "created_at"> & {
  outcome: string;
  created_at: number;
};

export type CountRow = {
  rule_id: number;
  pending: number;
  failed: number;
  delivered: number;
  dead: number;
};

export type JobFinish = {
  jobId: number;
  ruleId: number;
  orderKey: string;
  deliveryId: number;
  state: "pending" | "delivered" | "dead";
  nextAttemptAt: number | null;
  status: number | null;
  error: string | null;
  durationMs: number;
  outcome: "delivered" | "retry" | "dead";
  response: string | null;
  now: number;
};

export type NewJob = { ruleId: number; deliveryId: number; orderKey: string; now: number };
const RULE_COLUMNS = `id, name, url, filter, mode, endpoint_id, chat, template, headers, enabled,
  paused, concurrency, failing_since, last_error, last_error_at, last_success_at, created_at, updated_at`;

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
    rules: db.prepare(`SELECT ${RULE_COLUMNS} FROM forward_rules ORDER BY id`),
    rule: db.prepare(`SELECT ${RULE_COLUMNS} FROM forward_rules WHERE id = ?`),
    insertRule: db.prepare(`INSERT INTO forward_rules (name, url, filter, mode, endpoint_id, chat,
      template, headers, enabled, paused, concurrency, created_at, updated_at) VALUES (@name, @url,
      @filter, @mode, @endpoint_id, @chat, @template, @headers, @enabled, 0, @concurrency, @now, @now)`),
    updateRule: db.prepare(`UPDATE forward_rules SET name = @name, url = @url, filter = @filter,
      mode = @mode, endpoint_id = @endpoint_id, chat = @chat, template = @template,
      headers = @headers, enabled = @enabled, concurrency = @concurrency, updated_at = @now
      WHERE id = @id`),
    deleteRule: db.prepare(`DELETE FROM forward_rules WHERE id = ?`),
    setPaused: db.prepare(`UPDATE forward_rules SET paused = ?, updated_at = ? WHERE id = ?`),
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
    counts: db.prepare(`SELECT rule_id,
      sum(CASE WHEN state IN ('waiting', 'pending', 'sending') AND last_error IS NULL THEN 1 ELSE 0 END) AS pending,
      sum(CASE WHEN state IN ('waiting', 'pending', 'sending') AND last_error IS NOT NULL THEN 1 ELSE 0 END) AS failed,
      sum(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END) AS delivered,
      sum(CASE WHEN state = 'dead' THEN 1 ELSE 0 END) AS dead
      FROM forward_jobs GROUP BY rule_id`),
    latencies: db
      .prepare(
        `SELECT duration_ms FROM forward_attempts WHERE rule_id = ?
      AND outcome = 'delivered' ORDER BY id DESC LIMIT 100`,
      )
      .pluck(),
    attempts: db.prepare(`SELECT * FROM forward_attempts WHERE rule_id = @ruleId
      AND (@cursor IS NULL OR id < @cursor) ORDER BY id DESC LIMIT @limit`),
    jobsInState: db.prepare(`SELECT j.*, r.name AS rule_name FROM forward_jobs j
      JOIN forward_rules r ON r.id = j.rule_id WHERE j.rule_id = @ruleId AND j.state = @state
      AND (@cursor IS NULL OR j.id < @cursor) ORDER BY j.id DESC LIMIT @limit`),
    deliveryJobs: db.prepare(`SELECT j.*, r.name AS rule_name FROM forward_jobs j
      JOIN forward_rules r ON r.id = j.rule_id WHERE j.delivery_id = ? ORDER BY j.id`),
    /** Dead letters go back in the queue, behind what is still open for their resource. */
    retryDead: db.transaction((ruleId: number, jobId: number | null, now: number) => {
      const jobs = deadJobs.all({ ruleId, jobId }) as Array<{ id: number; orderKey: string }>;
      for (const job of jobs) {
        const open = hasOpen.get(ruleId, job.orderKey) !== undefined;
        revive.run({ id: job.id, state: open ? "waiting" : "pending", now });
      }
      return jobs.length;
    }),
    recentDeliveries: db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM deliveries ORDER BY id DESC LIMIT ?`,
    ),
    /** What exact and message forwards read: a send must not parse the body. */
    deliverySummary: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = ?`),
    deliveryContent: db.prepare(
      "SELECT encoding, headers, body FROM delivery_contents WHERE delivery_id = ?",
    ),
    endpointRobot: db.prepare(`SELECT header, body, msg_key AS msgKey, secret_key AS secretKey,
      use_template AS useTemplate FROM endpoints WHERE id = ?`),
    endpointExists: db.prepare(`SELECT 1 FROM endpoints WHERE id = ?`).pluck(),
    publicUrl: db.prepare(`SELECT value FROM settings WHERE key = 'public_base_url'`).pluck(),
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
