import "server-only";
import { notFound } from "../http/api-error";
import { cursorPage, lookaheadLimit, type CursorPage } from "../http/cursor-page";
import {
  forwardQueries,
  type AttemptRow,
  type CountRow,
  type JobRow,
  type RuleRow,
} from "./forward-queries";
import { forwardSettings } from "./forward-settings";
import type { ForwardAttemptView, ForwardJobView, ForwardRuleView } from "./forward-types";
import { attemptView, jobView, ruleView } from "./rule-view";

function view(row: RuleRow, counts: CountRow[]): ForwardRuleView {
  const latencies = forwardQueries().latencies.all(row.id) as number[];
  return ruleView({
    row,
    counts: counts.find((count) => count.rule_id === row.id),
    latencies,
    now: Date.now(),
    downAfterMs: forwardSettings().downAfterMs,
  });
}

/** The jobs' counts, with the inbox's rows (not yet jobs) as pending. */
function allCounts(): CountRow[] {
  const queries = forwardQueries();
  const counts = queries.counts.all() as CountRow[];
  for (const { ruleIds, n } of queries.inboxCounts.all() as Array<{ ruleIds: string; n: number }>) {
    for (const id of ruleIds.split(",")) {
      const ruleId = Number(id);
      let count = counts.find((row) => row.rule_id === ruleId);
      if (!count) {
        count = { rule_id: ruleId, pending: 0, failed: 0, delivered: 0, dead: 0 };
        counts.push(count);
      }
      count.pending += n;
    }
  }
  return counts;
}

/** Every rule with its counts, health and median latency. */
export function findForwardRules(): { data: ForwardRuleView[] } {
  const queries = forwardQueries();
  const counts = allCounts();
  return { data: (queries.rules.all() as RuleRow[]).map((row) => view(row, counts)) };
}

export function getForwardRule(options: { id: number }): ForwardRuleView {
  const queries = forwardQueries();
  const row = queries.rule.get(options.id) as RuleRow | undefined;
  if (!row) throw notFound("Forwarding rule");
  return view(row, allCounts());
}

/** A rule's attempts, newest first, a page at a time. */
export function findForwardAttempts(options: {
  id: number;
  cursor?: number;
  limit: number;
}): CursorPage<ForwardAttemptView> {
  if (!forwardQueries().rule.get(options.id)) throw notFound("Forwarding rule");
  const rows = forwardQueries().attempts.all({
    ruleId: options.id,
    cursor: options.cursor ?? null,
    limit: lookaheadLimit(options.limit),
  }) as AttemptRow[];
  return cursorPage(rows, options.limit, { item: attemptView, cursor: (last) => String(last.id) });
}

/** A rule's dead letters, newest first. */
export function findDeadForwards(options: {
  id: number;
  cursor?: number;
  limit: number;
}): CursorPage<ForwardJobView> {
  if (!forwardQueries().rule.get(options.id)) throw notFound("Forwarding rule");
  const rows = forwardQueries().jobsInState.all({
    ruleId: options.id,
    state: "dead",
    cursor: options.cursor ?? null,
    limit: lookaheadLimit(options.limit),
  }) as Array<JobRow & { rule_name: string }>;
  return cursorPage(rows, options.limit, { item: jobView, cursor: (last) => String(last.id) });
}

/** Where one delivery was forwarded and how each went. */
export function findDeliveryForwards(options: { deliveryId: number }): { data: ForwardJobView[] } {
  // A delivery still in the inbox has no jobs yet: the inbox becomes jobs first.
  forwardQueries().admitAll();
  const rows = forwardQueries().deliveryJobs.all(options.deliveryId) as Array<
    JobRow & { rule_name: string }
  >;
  return { data: rows.map(jobView) };
}
