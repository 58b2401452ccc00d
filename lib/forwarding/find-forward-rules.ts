import "server-only";
import { forwardRule, forwardRules, type CountRow, type RuleRow } from "../db/queries/forwarding";
import {
  deliveryJobs,
  jobCounts,
  ruleAttempts,
  ruleJobsInState,
  ruleLatencies,
} from "../db/queries/forwarding-views";
import { notFound } from "../http/api-error";
import { cursorPage, lookaheadLimit, type CursorPage } from "../http/cursor-page";
import { forwardSettings } from "./forward-settings";
import type { ForwardAttemptView, ForwardJobView, ForwardRuleView } from "./forward-types";
import { attemptView, jobView, ruleView } from "./rule-view";

async function view(row: RuleRow, counts: CountRow[]): Promise<ForwardRuleView> {
  const latencies = await ruleLatencies(row.id);
  return ruleView({
    row,
    counts: counts.find((count) => count.rule_id === row.id),
    latencies,
    now: Date.now(),
    downAfterMs: forwardSettings().downAfterMs,
  });
}

/** Every rule with its counts, health and median latency. */
export async function findForwardRules(): Promise<{ data: ForwardRuleView[] }> {
  const [rows, counts] = await Promise.all([forwardRules(), jobCounts()]);
  return { data: await Promise.all(rows.map((row) => view(row, counts))) };
}

export async function getForwardRule(options: { id: number }): Promise<ForwardRuleView> {
  const row = await forwardRule(options.id);
  if (!row) throw notFound("Forwarding rule");
  return view(row, await jobCounts());
}

async function ruleMustExist(id: number) {
  if (!(await forwardRule(id))) throw notFound("Forwarding rule");
}

/** A rule's attempts, newest first, a page at a time. */
export async function findForwardAttempts(options: {
  id: number;
  cursor?: number;
  limit: number;
}): Promise<CursorPage<ForwardAttemptView>> {
  await ruleMustExist(options.id);
  const rows = await ruleAttempts(
    options.id,
    options.cursor ?? null,
    lookaheadLimit(options.limit),
  );
  return cursorPage(rows, options.limit, { item: attemptView, cursor: (last) => String(last.id) });
}

/** A rule's dead letters, newest first. */
export async function findDeadForwards(options: {
  id: number;
  cursor?: number;
  limit: number;
}): Promise<CursorPage<ForwardJobView>> {
  await ruleMustExist(options.id);
  const rows = await ruleJobsInState(
    options.id,
    "dead",
    options.cursor ?? null,
    lookaheadLimit(options.limit),
  );
  return cursorPage(rows, options.limit, { item: jobView, cursor: (last) => String(last.id) });
}

/** Where one delivery was forwarded and how each went (queued first if it waits). */
export async function findDeliveryForwards(options: {
  deliveryId: number;
}): Promise<{ data: ForwardJobView[] }> {
  return { data: (await deliveryJobs(options.deliveryId)).map(jobView) };
}
