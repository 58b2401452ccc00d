import type Database from "better-sqlite3";
import type { NewJob } from "./forward-queries";

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
    /** Deliveries still in the inbox, by the rules they matched: pending jobs to be. */
    inboxCounts: db.prepare(`SELECT rule_ids AS ruleIds, count(*) AS n FROM forward_inbox
      GROUP BY rule_ids`),
  };
}
