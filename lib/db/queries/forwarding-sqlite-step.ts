import type Database from "better-sqlite3";
import {
  activeRulesFrom,
  inboxMayHoldRows,
  noteInboxed,
  noteInboxEmpty,
  type ActiveRule,
} from "../../forwarding/forward-rules-cache";
import { compileRules, fieldsOf, orderKey } from "../../forwarding/queue-forwards";
import type { WrittenDelivery } from "../../ingest/delivery-writer";
import { recordMatchesSearch } from "../../search/search-query-sqlite";
import type { JobFinish, JobRow, RuleRow, SenderStore, SenderTick, Want } from "./forwarding";
import { forwardQueries } from "./forwarding-sqlite";

/**
 * SQLite's forwarding steps, synchronous on the receiver's handle: the receiver's inbox
 * append inside its group commit, and the sender's tick's writes in one transaction that
 * never waits for the write lock on the event loop.
 */

/** With nothing due, look again this often (a lease another sender let lapse, a clock jump). */
export const IDLE_POLL_MS = 5_000;

/** Inbox rows turned into jobs per tick: a short step while the receiver is saturated
 *  (~1 ms), a long one otherwise. */
export const ADMIT_STEP = 500;
export const ADMIT_STEP_SATURATED = 32;

/** Whether the inbox has more rows; each want's claimed jobs, and its next retry when it
 *  found fewer due jobs than free slots. */
export type StepResult = { more: boolean; claims: Array<{ jobs: JobRow[]; due: number | null }> };

/** A sender's tick's writes in one transaction (one commit, one take of the write lock,
 *  instead of one per rule): the inbox's oldest rows become jobs (none with admitStep 0),
 *  then each rule with free slots claims its due ones. */
export function senderStep(db: Database.Database) {
  const queries = forwardQueries(db);
  return db.transaction(
    (admitStep: number, wants: Want[], now: number, leaseUntil: number): StepResult => {
      const more = admitStep > 0 && queries.admitRows(admitStep) === admitStep;
      const claims = wants.map(({ ruleId, free }) => {
        const jobs = queries.claimJobs(ruleId, now, free, leaseUntil);
        const due = jobs.length < free ? (queries.nextDue.get(ruleId, now) as number | null) : null;
        return { jobs, due };
      });
      return { more, claims };
    },
  );
}

/** Runs a tick's step without waiting for the write lock, its claimed jobs into `claimed`;
 *  answers when to look again: soon while the inbox has more or the lock was taken; after
 *  the idle poll when the step failed otherwise, so that the sender never stops for good.
 *  With nothing to admit and no rule to claim for, no transaction (and no write lock). */
export function takeStep(
  db: Database.Database,
  step: ReturnType<typeof senderStep>,
  options: SenderTick,
): number {
  const { wants, now } = options;
  const inbox = inboxMayHoldRows();
  if (!inbox && wants.length === 0) return now + IDLE_POLL_MS;
  const admitStep = !inbox ? 0 : options.saturated ? ADMIT_STEP_SATURATED : ADMIT_STEP;
  let result: StepResult;
  try {
    result = writeWithoutWaiting(db, step, admitStep, wants, now, options.leaseUntil);
    if (inbox && !result.more) noteInboxEmpty();
  } catch (error) {
    if (lockBusy(error)) return now + LOCK_RETRY_MS;
    console.error("claiming forwards failed", error);
    return now + IDLE_POLL_MS;
  }
  let nextAt = result.more ? now : now + IDLE_POLL_MS;
  for (const { jobs, due } of result.claims) {
    options.claimed.push(...jobs);
    if (due !== null) nextAt = Math.min(nextAt, due);
  }
  return nextAt;
}

/** How soon a write that found the lock taken tries again. */
export const LOCK_RETRY_MS = 5;

/** Another connection holds the write lock (the payload index's worker writes on its own:
 *  lib/search), or wrote after this connection's read began (a stale snapshot). */
export function lockBusy(error: unknown): boolean {
  return (
    error instanceof Error &&
    "code" in error &&
    typeof error.code === "string" &&
    error.code.startsWith("SQLITE_BUSY")
  );
}

/** The connection's own busy_timeout, read once: db.pragma prepares its statement on
 *  every call (1.3 µs per delivery in issue 15's profile, for a value that never changes). */
const timeouts = new WeakMap<Database.Database, number>();
function busyTimeout(db: Database.Database): number {
  let timeout = timeouts.get(db);
  if (timeout === undefined) {
    timeout = db.pragma("busy_timeout", { simple: true }) as number;
    timeouts.set(db, timeout);
  }
  return timeout;
}

/**
 * Runs a write transaction that takes the write lock first (BEGIN IMMEDIATE) and never
 * waits for it on the event loop: with the lock taken it throws at once (`lockBusy`), and
 * the caller tries again later, as the delivery writer does (lib/ingest/delivery-writer.ts).
 * SQLite's busy handler would sleep the receiver's loop for up to the other's whole
 * transaction, and a deferred transaction that read first fails anyway when the other
 * commits (SQLITE_BUSY_SNAPSHOT), which stopped the sender for good (issue 15).
 */
export function writeWithoutWaiting<A extends unknown[], R>(
  db: Database.Database,
  transaction: Database.Transaction<(...args: A) => R>,
  ...args: A
): R {
  const timeout = busyTimeout(db);
  db.exec("PRAGMA busy_timeout = 0");
  try {
    return transaction.immediate(...args);
  } finally {
    db.exec(`PRAGMA busy_timeout = ${timeout}`);
  }
}

/**
 * The writer's in-transaction step: a batch's new deliveries that match an enabled rule's
 * filter go into the forwarding inbox, one row each with the rules it matched, so that
 * the commit that makes them durable makes their forwards durable too. The sender turns
 * the rows into jobs off the receiver's path (forwardQueries' admit). Paused rules still
 * queue (they send once resumed). With no enabled rule it costs one look at the cached
 * rules per batch.
 */
export function queueForwards(db: Database.Database) {
  const { queueInbox } = forwardQueries(db);
  return (written: WrittenDelivery[]) => {
    const rules = sqliteActiveRules(db);
    if (rules.length === 0) return;
    const matchers = compileRules(rules);
    for (const { record, stored } of written) {
      const fields = fieldsOf(record, stored.duplicateOf);
      let ruleIds = "";
      for (const rule of matchers) {
        if (!rule.matches(fields)) continue;
        // Payload search reads the (redacted) body, which the fields do not carry.
        if (rule.q && !recordMatchesSearch(db, record, rule.q)) continue;
        ruleIds = ruleIds ? `${ruleIds},${rule.id}` : String(rule.id);
      }
      if (!ruleIds) continue;
      noteInboxed();
      queueInbox({
        deliveryId: stored.id,
        ruleIds,
        orderKey: orderKey(record.resourceType, record.resourceId, stored.id),
        now: record.receivedAt,
      });
    }
  };
}

/** The enabled rules, kept in memory until a rule changes (lib/forwarding/forward-rules-cache.ts),
 *  read synchronously for the receiver's step. */
export function sqliteActiveRules(db: Database.Database): ActiveRule[] {
  return activeRulesFrom(() => forwardQueries(db).rules.all() as RuleRow[]);
}

/** The sender's store on SQLite: one process owns the file, every call is synchronous. */
export function sqliteSenderStore(db: Database.Database): SenderStore {
  const queries = forwardQueries(db);
  const step = senderStep(db);
  return {
    releaseLeases: () => void queries.releaseLeases.run(),
    activeRules: () => sqliteActiveRules(db),
    // With no enabled rule a delivery brings the sender nothing to do (1.4% of the
    // receiver's loop in issue 15's profile, for a tick per batch).
    deliveriesBringWork: () => inboxMayHoldRows() || sqliteActiveRules(db).length > 0,
    takeStep: (tick) => takeStep(db, step, tick),
    rule: (id) => queries.rule.get(id) as RuleRow | undefined,
    retryMs: LOCK_RETRY_MS,
    record: (done: JobFinish) => {
      try {
        writeWithoutWaiting(db, queries.finish, done);
        return true;
      } catch (error) {
        if (lockBusy(error)) return false;
        throw error;
      }
    },
  };
}
