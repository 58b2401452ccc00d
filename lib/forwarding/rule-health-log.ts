import type { ForwardQueries, RuleRow } from "./forward-queries";
import { forwardSettings } from "./forward-settings";

/** A rule failing past HOOKLENS_FORWARD_DOWN_AFTER_MS says so in the log once, and again
 *  after it recovers and fails anew; the API and the page show it as `down`. */
export function ruleHealthLog(queries: ForwardQueries) {
  const warnedDown = new Set<number>();
  return (ruleId: number, succeeded: boolean, now: number) => {
    if (succeeded) {
      if (warnedDown.delete(ruleId)) console.log(`> Forwarding rule #${ruleId} recovered.`);
      return;
    }
    const rule = queries.rule.get(ruleId) as RuleRow | undefined;
    if (!rule?.failing_since || warnedDown.has(ruleId)) return;
    if (now - rule.failing_since < forwardSettings().downAfterMs) return;
    warnedDown.add(ruleId);
    console.error(
      `> Forwarding rule #${ruleId} "${rule.name}" is DOWN: failing since ${new Date(rule.failing_since).toISOString()} (${rule.last_error ?? "unknown error"})`,
    );
  };
}
