import { EventEmitter } from "node:events";
import type Database from "better-sqlite3";
import { processSingleton } from "../process-singleton";
import { forwardQueries, type RuleRow } from "./forward-queries";
import { parseRuleFilter } from "./rule-view";
import type { RuleFilter } from "./forward-types";

/**
 * The enabled rules, kept in memory for the receiver (which checks every new delivery
 * against them) and the sender, until a rule changes. On globalThis: the API (Next's
 * bundle) and the server's receiver and sender share one process but not one module copy.
 */
export type ActiveRule = { id: number; filter: RuleFilter; paused: boolean; concurrency: number };

function holder() {
  return processSingleton<{ rules: ActiveRule[] | null; changes: EventEmitter; inbox: boolean }>(
    "forwardRules",
    () => ({
      rules: null,
      changes: new EventEmitter().setMaxListeners(0),
      // Rows may be left from before a restart.
      inbox: true,
    }),
  );
}

export function activeRules(db?: Database.Database): ActiveRule[] {
  const state = holder();
  state.rules ??= (forwardQueries(db).rules.all() as RuleRow[])
    .filter((rule) => rule.enabled === 1)
    .map((rule) => ({
      id: rule.id,
      filter: parseRuleFilter(rule.filter),
      paused: rule.paused === 1,
      concurrency: rule.concurrency,
    }));
  return state.rules;
}

export function notifyRulesChanged() {
  const state = holder();
  state.rules = null;
  state.changes.emit("changed");
}

/** The receiver wrote to the forwarding inbox: the sender has rows to admit. */
export function noteInboxed() {
  holder().inbox = true;
}

/** Whether the inbox may hold rows: set by the receiver, cleared by the sender when it
 *  admitted the last (one thread: nothing comes in between). */
export function inboxMayHoldRows(): boolean {
  return holder().inbox;
}

export function noteInboxEmpty() {
  holder().inbox = false;
}

/** A job changed state (sent, retried, dead): for live views of the counts. */
export function notifyJobsChanged() {
  holder().changes.emit("jobs");
}

export function onJobsChanged(listener: () => void): () => void {
  const { changes } = holder();
  changes.on("jobs", listener);
  return () => changes.off("jobs", listener);
}

export function onRulesChanged(listener: () => void): () => void {
  const { changes } = holder();
  changes.on("changed", listener);
  return () => changes.off("changed", listener);
}
