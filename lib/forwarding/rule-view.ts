import type { HeaderPairs } from "../cloudpods/headers";
import type { CountRow, JobRow, AttemptRow, RuleRow } from "../db/queries/forwarding";
import {
  ruleFilterSchema,
  type ForwardAttemptView,
  type ForwardCounts,
  type ForwardHealth,
  type ForwardJobView,
  type ForwardRuleView,
  type RuleFilter,
} from "./forward-types";

/** Stored rows as the API shows them. Pure. */
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function jsonOr<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function parseRuleFilter(text: string): RuleFilter {
  const parsed = ruleFilterSchema.safeParse(jsonOr<unknown>(text, {}));
  return parsed.success ? parsed.data : {};
}

export function ruleHealth(
  rule: Pick<RuleRow, "enabled" | "paused" | "failing_since" | "last_success_at">,
  now: number,
  downAfterMs: number,
): ForwardHealth {
  if (rule.enabled !== 1) return "disabled";
  if (rule.paused === 1) return "paused";
  if (rule.failing_since !== null)
    return now - rule.failing_since >= downAfterMs ? "down" : "failing";
  return rule.last_success_at === null ? "idle" : "healthy";
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]!
    : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

export function ruleView(options: {
  row: RuleRow;
  counts: CountRow | undefined;
  latencies: number[];
  now: number;
  downAfterMs: number;
}): ForwardRuleView {
  const { row } = options;
  const counts: ForwardCounts = {
    pending: options.counts?.pending ?? 0,
    failed: options.counts?.failed ?? 0,
    delivered: options.counts?.delivered ?? 0,
    dead: options.counts?.dead ?? 0,
  };
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    filter: jsonOr<Record<string, string>>(row.filter, {}),
    mode: row.mode as ForwardRuleView["mode"],
    endpoint_id: row.endpoint_id,
    chat: row.chat as ForwardRuleView["chat"],
    template: row.template,
    headers: jsonOr<HeaderPairs>(row.headers, []),
    enabled: row.enabled === 1,
    paused: row.paused === 1,
    concurrency: row.concurrency,
    counts,
    health: ruleHealth(row, options.now, options.downAfterMs),
    failing_since: iso(row.failing_since),
    last_error: row.last_error,
    last_error_at: iso(row.last_error_at),
    last_success_at: iso(row.last_success_at),
    median_latency_ms: median(options.latencies),
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}

export function attemptView(row: AttemptRow): ForwardAttemptView {
  return {
    ...row,
    outcome: row.outcome as ForwardAttemptView["outcome"],
    created_at: iso(row.created_at)!,
  };
}

export function jobView(row: JobRow & { rule_name: string }): ForwardJobView {
  return {
    id: row.id,
    rule_id: row.rule_id,
    rule_name: row.rule_name,
    delivery_id: row.delivery_id,
    state: row.state as ForwardJobView["state"],
    attempts: row.attempts,
    queued_at: iso(row.queued_at)!,
    next_attempt_at: iso(row.next_attempt_at)!,
    last_status: row.last_status,
    last_error: row.last_error,
    done_at: iso(row.done_at),
  };
}
