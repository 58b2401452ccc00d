import { z } from "zod";
import type { HeaderPairs } from "../cloudpods/headers";
import { deliveryFilterSchema } from "../events/delivery-filter";
import { headerList } from "../replay/replay-input";
import { MAX_URL_LENGTH } from "../replay/target-url";
import { CHAT_KINDS, TEMPLATE_FIELDS, unknownTemplateFields } from "./chat-message";

/**
 * The forwarding API's contract: request schemas and response shapes, imported by the route
 * handlers and the query hooks alike (snake_case, as on the wire). Pure.
 */
export const FORWARD_MODES = ["exact", "endpoint", "message"] as const;
export type ForwardMode = (typeof FORWARD_MODES)[number];
export const MAX_RULE_CONCURRENCY = 16;

/** A rule's filter: the feed's names and values, minus the time range (a rule looks at
 *  every new delivery). An unknown name is refused so that a typo cannot widen a rule. */
export const ruleFilterSchema = deliveryFilterSchema.omit({ since: true, until: true }).strict();
export type RuleFilter = z.output<typeof ruleFilterSchema>;

const filterInput = z
  .record(z.string(), z.string())
  .default({})
  .superRefine((value, ctx) => {
    const parsed = ruleFilterSchema.safeParse(value);
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      const path = issue.code === "unrecognized_keys" ? issue.keys : issue.path;
      ctx.addIssue({ code: "custom", path: path.map(String), message: issue.message });
    }
  });

const template = z
  .string()
  .max(2000)
  .superRefine((text, ctx) => {
    const unknown = unknownTemplateFields(text);
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `unknown field ${unknown.map((name) => `{{${name}}}`).join(", ")}; known: ${TEMPLATE_FIELDS.join(", ")}`,
      });
    }
  });

const ruleFields = {
  name: z.string().trim().min(1, "name is required").max(100),
  url: z.string().trim().min(1, "url is required").max(MAX_URL_LENGTH),
  filter: filterInput,
  mode: z.enum(FORWARD_MODES),
  endpoint_id: z.string().min(1).nullable().optional(),
  chat: z.enum(CHAT_KINDS).nullable().optional(),
  template: template.nullable().optional(),
  headers: headerList.optional(),
  enabled: z.boolean().optional(),
  concurrency: z.number().int().min(1).max(MAX_RULE_CONCURRENCY).optional(),
};

export const createRuleSchema = z.object(ruleFields).strict();
export const updateRuleSchema = z.object(ruleFields).partial().strict();
export type CreateRuleInput = z.output<typeof createRuleSchema>;
export type UpdateRuleInput = z.output<typeof updateRuleSchema>;
export type RuleFormInput = z.input<typeof createRuleSchema>;

export const dryRunSchema = z.object({
  filter: filterInput,
  limit: z.number().int().min(1).max(1000).default(200),
});

export const retryDeadSchema = z
  .object({ job_id: z.number().int().positive().optional() })
  .strict();

export const pageQuerySchema = z.object({
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const pathIdSchema = z.coerce.number().int().positive();

export type ForwardHealth = "healthy" | "idle" | "failing" | "down" | "paused" | "disabled";

export type ForwardCounts = { pending: number; delivered: number; failed: number; dead: number };

export type ForwardRuleView = {
  id: number;
  name: string;
  url: string;
  filter: Record<string, string>;
  mode: ForwardMode;
  endpoint_id: string | null;
  chat: (typeof CHAT_KINDS)[number] | null;
  template: string | null;
  headers: HeaderPairs;
  enabled: boolean;
  paused: boolean;
  concurrency: number;
  counts: ForwardCounts;
  health: ForwardHealth;
  failing_since: string | null;
  last_error: string | null;
  last_error_at: string | null;
  last_success_at: string | null;
  /** Over the last 100 accepted sends; null before the first. */
  median_latency_ms: number | null;
  created_at: string;
  updated_at: string;
};

export type ForwardAttemptView = {
  id: number;
  job_id: number;
  rule_id: number;
  delivery_id: number;
  status: number | null;
  error: string | null;
  duration_ms: number;
  outcome: "delivered" | "retry" | "dead";
  response: string | null;
  created_at: string;
};

/** One delivery queued for one rule: a dead letter, or a line of a delivery's forwards. */
export type ForwardJobView = {
  id: number;
  rule_id: number;
  rule_name: string;
  delivery_id: number;
  state: "waiting" | "pending" | "sending" | "delivered" | "dead";
  attempts: number;
  queued_at: string;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  done_at: string | null;
};

export type DryRunResult = {
  scanned: number;
  matched: number;
  deliveries: Array<{
    id: number;
    received_at: string;
    resource_type: string | null;
    resource_name: string | null;
    action: string | null;
    result: string | null;
  }>;
};
