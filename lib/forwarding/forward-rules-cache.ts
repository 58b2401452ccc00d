import { EventEmitter } from "node:events";
import type { RuleRow } from "../db/queries/forwarding";
import { processSingleton } from "../process-singleton";
import { parseRuleFilter } from "./rule-view";
import type { RuleFilter } from "./forward-types";

/**
 * The enabled rules, kept in memory for the receiver (which checks every new delivery
 * against them) and the sender, until a rule changes. On globalThis: the API (Next's
 * bundle) and the server's receiver and sender share one process but not one module copy.
 * On PostgreSQL a rule may change through another instance: the sender there keeps them
 * for a second at most (activeRulesRecent).
 */
export type ActiveRule = { id: number; filter: RuleFilter; paused: boolean; concurrency: number };

function holder() {
  return processSingleton<{
    rules: ActiveRule[] | null;
    loadedAt: number;
    /** Counts rule changes: a load that began before one does not keep what it read. */
    version: number;
    changes: EventEmitter;
    inbox: boolean;
  }>("forwardRules", () => ({
    rules: null,
    loadedAt: 0,
    version: 0,
    changes: new EventEmitter().setMaxListeners(0),
    // Rows may be left from before a restart.
    inbox: true,
  }));
}

export function toActiveRule(
  rule: Pick<RuleRow, "id" | "filter" | "paused" | "concurrency">,
): ActiveRule {
  return {
    id: rule.id,
    filter: parseRuleFilter(rule.filter),
    paused: rule.paused === 1,
    concurrency: rule.concurrency,
  };
}

/** The enabled rules, loaded synchronously the first time after a change (SQLite's
 *  receiver and sender). */
export function activeRulesFrom(load: () => RuleRow[]): ActiveRule[] {
  const state = holder();
  state.rules ??= load()
    .filter((rule) => rule.enabled === 1)
    .map(toActiveRule);
  return state.rules;
}

/** The enabled rules as `load` answers them, read again once older than `maxAgeMs`. */
export async function activeRulesRecent(
  load: () => Promise<ActiveRule[]>,
  maxAgeMs: number,
): Promise<ActiveRule[]> {
  const state = holder();
  if (state.rules && Date.now() - state.loadedAt < maxAgeMs) return state.rules;
  const { version } = state;
  const started = Date.now();
  const rules = await load();
  if (state.version === version) {
    state.rules = rules;
    state.loadedAt = started;
  }
  return rules;
}

export function notifyRulesChanged() {
  const state = holder();
  state.rules = null;
  state.version += 1;
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
