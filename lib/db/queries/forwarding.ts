import type { ForwardAttemptView } from "../../forwarding/forward-types";
import { connection } from "../connection";
import { builtRows, type DialectSql } from "../sql-query";
import { FROM_MS, MS } from "./dialect";
import type { ActiveRule } from "../../forwarding/forward-rules-cache";
import { sqliteSenderStore } from "./forwarding-sqlite-step";
import { postgresSenderStore } from "./forwarding-postgres";
import { ensureForwardQueue } from "./forwarding-queue-postgres";

/**
 * The forwarding domain's queries (lib/forwarding), in both dialects (STYLE.md): the rules'
 * rows and the sender's store here; the counts and pages the API reads, a dead letter's
 * retry in forwarding-views.ts. Times go in and out as
 * Unix ms, booleans as 0/1, on both engines. The receiver's inbox append and the sender's
 * step stay synchronous on SQLite (forwarding-sqlite.ts, forwarding-sqlite-step.ts); on
 * PostgreSQL the queueing and the sender's step are forwarding-postgres.ts.
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

/** A rule with free slots: how many jobs it may claim. */
export type Want = { ruleId: number; free: number };

/** A sender's tick: the rules with free slots, and where the jobs it claims go. */
export type SenderTick = {
  wants: Want[];
  saturated: boolean;
  now: number;
  leaseUntil: number;
  claimed: JobRow[];
};

type Maybe<T> = T | Promise<T>;

/**
 * What the sender (lib/forwarding/forward-sender.ts) needs of the database, per engine:
 * SQLite's is synchronous on the process's handle (its tick is one write transaction that
 * never waits for the lock: forwarding-sqlite-step.ts), PostgreSQL's is async on the pool
 * and runs on the instance holding the job lock "forwarding" (forwarding-postgres.ts).
 */
export type SenderStore = {
  /** Sends cut off by a stop or a crash become due again: at the start on SQLite, when
   *  this instance takes the sending over on PostgreSQL. */
  releaseLeases: () => Maybe<void>;
  activeRules: () => Maybe<ActiveRule[]>;
  /** Whether a new delivery may bring the sender work, known without a query. */
  deliveriesBringWork: () => boolean;
  /** Queues what is new and claims each want's due jobs into `claimed`; answers when to
   *  look again. */
  takeStep: (tick: SenderTick) => Maybe<number>;
  rule: (id: number) => Maybe<RuleRow | undefined>;
  /** Records the attempt and the job's next state; false: not now, try again in retryMs. */
  record: (done: JobFinish, claim: JobRow) => Maybe<boolean>;
  retryMs: number;
};

/** The sender's store for the process's connection. */
export function senderStore(): SenderStore {
  const db = connection();
  return db.engine === "sqlite" ? sqliteSenderStore(db.sqlite) : postgresSenderStore();
}

/**
 * Whether another instance may be sending this database's forwards, or changing its rules:
 * on PostgreSQL (cluster mode) one instance sends, under the job lock "forwarding", and a
 * rule changed through another instance reaches it through the database (docs/cluster.md,
 * "Forwarding across instances"). On SQLite one process does everything.
 */
export function forwardsAcrossInstances(): boolean {
  return connection().engine === "postgresql";
}

export const RULE_COLUMNS: DialectSql = {
  sqlite: `id, name, url, filter, mode, endpoint_id, chat, template, headers, enabled,
  paused, concurrency, failing_since, last_error, last_error_at, last_success_at, created_at, updated_at`,
  postgresql: `id, name, url, filter, mode, endpoint_id, chat, template, headers,
  enabled::int AS enabled, paused::int AS paused, concurrency,
  ${MS("failing_since")} AS failing_since, last_error, ${MS("last_error_at")} AS last_error_at,
  ${MS("last_success_at")} AS last_success_at, ${MS("created_at")} AS created_at,
  ${MS("updated_at")} AS updated_at`,
};

/** A job's columns (`j.` the forward_jobs alias), as a JobRow. */
export const JOB_COLUMNS: DialectSql = {
  sqlite: "j.*",
  postgresql: `j.id, j.rule_id, j.delivery_id, j.order_key, j.state, j.attempts,
  ${MS("j.queued_at")} AS queued_at, ${MS("j.next_attempt_at")} AS next_attempt_at,
  ${MS("j.lease_until")} AS lease_until, j.last_status, j.last_error, ${MS("j.done_at")} AS done_at`,
};

/** One statement with `@name` parameters in both dialects (numbered for PostgreSQL). */
export function named<Row>(sql: DialectSql) {
  return (params: Record<string, unknown>) =>
    builtRows<Row>((engine) => ({ sql: sql[engine], params }));
}

const selectRules = named<RuleRow>({
  sqlite: `SELECT ${RULE_COLUMNS.sqlite} FROM forward_rules ORDER BY id`,
  postgresql: `SELECT ${RULE_COLUMNS.postgresql} FROM forward_rules ORDER BY id`,
});

const selectRule = named<RuleRow>({
  sqlite: `SELECT ${RULE_COLUMNS.sqlite} FROM forward_rules WHERE id = @id`,
  postgresql: `SELECT ${RULE_COLUMNS.postgresql} FROM forward_rules WHERE id = @id`,
});

export const forwardRules = () => selectRules({});

export async function forwardRule(id: number): Promise<RuleRow | undefined> {
  return (await selectRule({ id }))[0];
}

const insertRule = named<{ id: number }>({
  sqlite: `INSERT INTO forward_rules (name, url, filter, mode, endpoint_id, chat, template, headers,
    enabled, paused, concurrency, created_at, updated_at) VALUES (@name, @url, @filter, @mode,
    @endpoint_id, @chat, @template, @headers, @enabled, 0, @concurrency, @now, @now) RETURNING id`,
  postgresql: `INSERT INTO forward_rules (name, url, filter, mode, endpoint_id, chat, template,
    headers, enabled, paused, concurrency, created_at, updated_at) VALUES (@name, @url, @filter,
    @mode, @endpoint_id, @chat, @template, @headers, @enabled::int = 1, false, @concurrency,
    ${FROM_MS("@now")}, ${FROM_MS("@now")}) RETURNING id`,
});

/** A new rule's id. On PostgreSQL the queue's watermark is set first (forwarding-postgres.ts):
 *  the deliveries that commit after the rule are the ones it sees, as on SQLite. */
export async function createRuleRow(fields: RuleFields, now: number): Promise<number> {
  if (forwardsAcrossInstances()) await ensureForwardQueue();
  const [row] = await insertRule({ ...fields, now });
  return row!.id;
}

const updateRule = named<{ id: number }>({
  sqlite: `UPDATE forward_rules SET name = @name, url = @url, filter = @filter, mode = @mode,
    endpoint_id = @endpoint_id, chat = @chat, template = @template, headers = @headers,
    enabled = @enabled, concurrency = @concurrency, updated_at = @now WHERE id = @id RETURNING id`,
  postgresql: `UPDATE forward_rules SET name = @name, url = @url, filter = @filter, mode = @mode,
    endpoint_id = @endpoint_id, chat = @chat, template = @template, headers = @headers,
    enabled = @enabled::int = 1, concurrency = @concurrency, updated_at = ${FROM_MS("@now")}
    WHERE id = @id RETURNING id`,
});

export async function updateRuleRow(id: number, fields: RuleFields, now: number) {
  if (fields.enabled === 1 && forwardsAcrossInstances()) await ensureForwardQueue();
  return (await updateRule({ ...fields, id, now })).length;
}

const deleteRule = named<{ id: number }>({
  sqlite: "DELETE FROM forward_rules WHERE id = @id RETURNING id",
  postgresql: "DELETE FROM forward_rules WHERE id = @id RETURNING id",
});

/** How many rules it deleted (0 or 1). */
export const deleteRuleRow = async (id: number) => (await deleteRule({ id })).length;

const setPaused = named<{ id: number }>({
  sqlite:
    "UPDATE forward_rules SET paused = @paused, updated_at = @now WHERE id = @id RETURNING id",
  postgresql: `UPDATE forward_rules SET paused = @paused::int = 1, updated_at = ${FROM_MS("@now")}
    WHERE id = @id RETURNING id`,
});

/** How many rules it changed (0 or 1). */
export const setRulePausedRow = async (id: number, paused: boolean, now: number) =>
  (await setPaused({ id, paused: paused ? 1 : 0, now })).length;
