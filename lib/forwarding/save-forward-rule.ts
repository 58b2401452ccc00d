import "server-only";
import { invalidField, notFound } from "../http/api-error";
import { replaySettings } from "../replay/replay-settings";
import { checkTargetUrl } from "../replay/target-url";
import {
  createRuleRow,
  deleteRuleRow,
  forwardRule,
  setRulePausedRow,
  updateRuleRow,
  type RuleFields,
} from "../db/queries/forwarding";
import { endpointExists, retryDeadJobs } from "../db/queries/forwarding-views";
import { notifyRulesChanged } from "./forward-rules-cache";
import type { CreateRuleInput, ForwardRuleView, UpdateRuleInput } from "./forward-types";
import { getForwardRule } from "./find-forward-rules";

/** The settings a rule must hold together: what each mode needs and only it may have. */
async function checkRule(rule: CreateRuleInput): Promise<RuleFields> {
  const target = checkTargetUrl(rule.url, { allowPrivate: replaySettings().allowPrivate });
  if (!target.ok) throw invalidField("url", target.reason);
  if (rule.mode === "endpoint") {
    if (!rule.endpoint_id)
      throw invalidField(
        "endpoint_id",
        "endpoint mode needs the endpoint whose robot settings to use",
      );
    if (!(await endpointExists(rule.endpoint_id)))
      throw invalidField("endpoint_id", "no such endpoint");
  }
  if (rule.mode === "message" && !rule.chat)
    throw invalidField("chat", "message mode needs the chat: feishu, dingtalk, wecom or slack");
  if (rule.mode !== "message" && (rule.chat || rule.template))
    throw invalidField(rule.chat ? "chat" : "template", "only message mode sends a chat text");
  return {
    name: rule.name,
    url: target.url.toString(),
    filter: JSON.stringify(rule.filter),
    mode: rule.mode,
    endpoint_id: rule.mode === "endpoint" ? (rule.endpoint_id ?? null) : null,
    chat: rule.mode === "message" ? (rule.chat ?? null) : null,
    template: rule.mode === "message" ? rule.template?.trim() || null : null,
    headers: JSON.stringify(rule.headers ?? []),
    enabled: rule.enabled === false ? 0 : 1,
    concurrency: rule.concurrency ?? 4,
  };
}

export async function createForwardRule(options: {
  input: CreateRuleInput;
}): Promise<ForwardRuleView> {
  const fields = await checkRule(options.input);
  const id = await createRuleRow(fields, Date.now());
  notifyRulesChanged();
  return getForwardRule({ id });
}

export async function updateForwardRule(options: {
  id: number;
  input: UpdateRuleInput;
}): Promise<ForwardRuleView> {
  const row = await forwardRule(options.id);
  if (!row) throw notFound("Forwarding rule");
  const current: CreateRuleInput = {
    name: row.name,
    url: row.url,
    filter: JSON.parse(row.filter) as Record<string, string>,
    mode: row.mode as CreateRuleInput["mode"],
    endpoint_id: row.endpoint_id,
    chat: row.chat as CreateRuleInput["chat"],
    template: row.template,
    headers: JSON.parse(row.headers) as Array<[string, string]>,
    enabled: row.enabled === 1,
    concurrency: row.concurrency,
  };
  const merged = { ...current, ...options.input };
  // Switching mode drops the settings of the old one rather than refusing the change.
  if (options.input.mode && options.input.mode !== row.mode) {
    if (options.input.mode !== "message") merged.chat = merged.template = null;
    if (options.input.mode !== "endpoint" && options.input.endpoint_id === undefined)
      merged.endpoint_id = null;
  }
  const fields = await checkRule(merged);
  if ((await updateRuleRow(options.id, fields, Date.now())) === 0)
    throw notFound("Forwarding rule");
  notifyRulesChanged();
  return getForwardRule({ id: options.id });
}

export async function deleteForwardRule(options: { id: number }): Promise<{ deleted: true }> {
  if ((await deleteRuleRow(options.id)) === 0) throw notFound("Forwarding rule");
  notifyRulesChanged();
  return { deleted: true };
}

/** Paused, a rule still queues what matches; resumed, it sends the backlog in order. */
export async function setRulePaused(options: {
  id: number;
  paused: boolean;
}): Promise<ForwardRuleView> {
  if ((await setRulePausedRow(options.id, options.paused, Date.now())) === 0)
    throw notFound("Forwarding rule");
  notifyRulesChanged();
  return getForwardRule({ id: options.id });
}

/** One dead letter (job_id) or all of a rule's, queued again with a fresh max age. */
export async function retryDeadForwards(options: {
  id: number;
  jobId?: number;
}): Promise<{ retried: number }> {
  if (!(await forwardRule(options.id))) throw notFound("Forwarding rule");
  const retried = await retryDeadJobs(options.id, options.jobId ?? null, Date.now());
  if (options.jobId !== undefined && retried === 0) throw notFound("Dead letter");
  notifyRulesChanged();
  return { retried };
}
