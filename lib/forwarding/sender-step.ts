import type Database from "better-sqlite3";
import { forwardQueries, type JobRow } from "./forward-queries";
import { inboxMayHoldRows, noteInboxEmpty } from "./forward-rules-cache";
import { LOCK_RETRY_MS, lockBusy, writeWithoutWaiting } from "./write-without-waiting";

/** With nothing due, look again this often (a lease another sender let lapse, a clock jump). */
export const IDLE_POLL_MS = 5_000;

/** Inbox rows turned into jobs per tick: a short step while the receiver is saturated
 *  (~1 ms), a long one otherwise. */
export const ADMIT_STEP = 500;
export const ADMIT_STEP_SATURATED = 32;

/** A rule with free slots: how many jobs it may claim. */
export type Want = { ruleId: number; free: number };
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
  options: {
    wants: Want[];
    saturated: boolean;
    now: number;
    leaseUntil: number;
    claimed: JobRow[];
  },
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
