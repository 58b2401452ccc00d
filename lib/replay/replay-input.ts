import { z } from "zod";
import type { HeaderPairs } from "../cloudpods/headers";
import { eventFilterSchema } from "../events/event-filter";
import { headerNameProblem, headerValueProblem } from "./outbound-headers";
import { MAX_BULK_CONCURRENCY, MAX_TIMEOUT_MS } from "./replay-limits";
import { MAX_URL_LENGTH } from "./target-url";

/** The replay API's input, validated. Pure: shared by the routes and the forms. */
export const REPLAY_MODES = ["exact", "endpoint", "edited"] as const;
export type ReplayMode = (typeof REPLAY_MODES)[number];

/** An edited body is text; 4 MiB is well above what the receiver keeps. */
export const MAX_EDITED_BODY = 4 * 1024 * 1024;

const url = z.string().trim().min(1, "url is required").max(MAX_URL_LENGTH);
const timeoutMs = z.number().int().min(100).max(MAX_TIMEOUT_MS).optional();

/** [[name, value], ...] (order and repeats kept) or { name: value }. */
export const headerList = z
  .union([z.array(z.tuple([z.string(), z.string()])).max(500), z.record(z.string(), z.string())])
  .transform((value): HeaderPairs => (Array.isArray(value) ? value : Object.entries(value)))
  .superRefine((headers, ctx) => {
    for (const [index, [name, value]] of headers.entries()) {
      const problem = headerNameProblem(name) ?? headerValueProblem(name, value);
      if (problem) ctx.addIssue({ code: "custom", path: [index], message: problem });
    }
  });

export const replayInputSchema = z
  .object({
    url,
    mode: z.enum(REPLAY_MODES).default("exact"),
    endpoint_id: z.string().min(1).optional(),
    headers: headerList.optional(),
    body: z.string().max(MAX_EDITED_BODY).optional(),
    timeout_ms: timeoutMs,
  })
  .superRefine((input, ctx) => {
    if (input.mode === "endpoint" && !input.endpoint_id) {
      ctx.addIssue({
        code: "custom",
        path: ["endpoint_id"],
        message: "endpoint mode needs the endpoint whose robot settings to use",
      });
    }
    if (input.mode !== "edited" && (input.headers !== undefined || input.body !== undefined)) {
      const field = input.headers !== undefined ? "headers" : "body";
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: "headers and body can only be given in edited mode",
      });
    }
  });

export type ReplayInput = z.output<typeof replayInputSchema>;

/** A feed filter as the URL carries it; unknown names are refused, not ignored, so that a
 *  typo cannot widen a bulk replay to every delivery. */
const filter = z
  .record(z.string(), z.string())
  .default({})
  .superRefine((value, ctx) => {
    const parsed = eventFilterSchema.strict().safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.code === "unrecognized_keys" ? issue.keys : issue.path;
        ctx.addIssue({ code: "custom", path: path.map(String), message: issue.message });
      }
    }
  });

export const bulkInputSchema = z
  .object({
    /** Optional for a dry run only: the form counts what would be sent before a target
     *  is typed. */
    url: url.optional(),
    mode: z.enum(["exact", "endpoint"]).default("exact"),
    endpoint_id: z.string().min(1).optional(),
    filter,
    dry_run: z.boolean().default(false),
    concurrency: z.number().int().min(1).max(MAX_BULK_CONCURRENCY).optional(),
    timeout_ms: timeoutMs,
  })
  .superRefine((input, ctx) => {
    if (input.mode === "endpoint" && !input.endpoint_id) {
      ctx.addIssue({
        code: "custom",
        path: ["endpoint_id"],
        message: "endpoint mode needs the endpoint whose robot settings to use",
      });
    }
    if (!input.dry_run && input.url === undefined) {
      ctx.addIssue({ code: "custom", path: ["url"], message: "url is required" });
    }
  });

export type BulkInput = z.output<typeof bulkInputSchema>;

export const destinationInputSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(64),
  url,
});

export const replayListSchema = z.object({
  event_id: z.coerce.number().int().positive().optional(),
  bulk_id: z.coerce.number().int().positive().optional(),
  /** Newest first by default; a bulk replay's results read oldest first. */
  order: z.enum(["asc", "desc"]).default("desc"),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ReplayListQuery = z.output<typeof replayListSchema>;

/** A numeric id in a route's path. */
export const pathIdSchema = z.coerce.number().int().positive();

export const retryInputSchema = z.object({ timeout_ms: timeoutMs }).default({});
