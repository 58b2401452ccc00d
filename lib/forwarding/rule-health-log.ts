import type { RuleRow } from "../db/queries/forwarding";
import { forwardSettings } from "./forward-settings";

/** A rule failing past HOOKLENS_FORWARD_DOWN_AFTER_MS says so in the log once, and again
 *  after it recovers and fails anew; the API and the page show it as `down`. On
 *  PostgreSQL the sending instance says it (a new one after a takeover may say it again). */
export function ruleHealthLog(
  readRule: (id: number) => RuleRow | undefined | Promise<RuleRow | undefined>,
) {
  const warnedDown = new Set<number>();
  const warn = (ruleId: number, rule: RuleRow | undefined, now: number) => {
    if (!rule?.failing_since || warnedDown.has(ruleId)) return;
    if (now - rule.failing_since < forwardSettings().downAfterMs) return;
    warnedDown.add(ruleId);
    console.error(
      `> Forwarding rule #${ruleId} "${rule.name}" is DOWN: failing since ${new Date(rule.failing_since).toISOString()} (${rule.last_error ?? "unknown error"})`,
    );
  };
  return (ruleId: number, succeeded: boolean, now: number): void | Promise<void> => {
    if (succeeded) {
      if (warnedDown.delete(ruleId)) console.log(`> Forwarding rule #${ruleId} recovered.`);
      return;
    }
    if (warnedDown.has(ruleId)) return;
    const rule = readRule(ruleId);
    if (rule instanceof Promise) return rule.then((found) => warn(ruleId, found, now));
    warn(ruleId, rule, now);
  };
}
