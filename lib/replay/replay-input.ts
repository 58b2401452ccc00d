import { z } from "zod";
import type { HeaderPairs } from "../cloudpods/headers";
import { deliveryFilterSchema } from "../events/delivery-filter";
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

const endpointId = z
  .string({ error: "endpoint mode needs the endpoint whose robot settings to use" })
  .min(1, "endpoint mode needs the endpoint whose robot settings to use");
/** Only edited mode sends other headers or another body than the delivery's. */
const notEdited = z
  .never({ error: "headers and body can only be given in edited mode" })
  .optional();
const unknownMode = (modes: readonly string[]) => ({
  error: (issue: { code?: string }) =>
    issue.code === "invalid_union"
      ? `Invalid option: expected one of ${modes.map((mode) => `"${mode}"`).join("|")}`
      : undefined,
});

const exactMode = { mode: z.literal("exact").default("exact") };
const endpointMode = { mode: z.literal("endpoint"), endpoint_id: endpointId };

/** One replay: which mode decides which fields it takes, so each rule is stated once. */
export const replayInputSchema = z.discriminatedUnion(
  "mode",
  [
    z.object({ url, ...exactMode, headers: notEdited, body: notEdited, timeout_ms: timeoutMs }),
    z.object({ url, ...endpointMode, headers: notEdited, body: notEdited, timeout_ms: timeoutMs }),
    z.object({
      url,
      mode: z.literal("edited"),
      headers: headerList.optional(),
      body: z.string().max(MAX_EDITED_BODY).optional(),
      timeout_ms: timeoutMs,
    }),
  ],
  unknownMode(REPLAY_MODES),
);

export type ReplayInput = z.output<typeof replayInputSchema>;
/** What the client sends: defaults left out, headers as pairs or as an object. */
export type ReplayRequestInput = z.input<typeof replayInputSchema>;

/** A feed filter as the URL carries it; unknown names are refused, not ignored, so that a
 *  typo cannot widen a bulk replay to every delivery. */
const filter = z
  .record(z.string(), z.string())
  .default({})
  .superRefine((value, ctx) => {
    const parsed = deliveryFilterSchema.strict().safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.code === "unrecognized_keys" ? issue.keys : issue.path;
        ctx.addIssue({ code: "custom", path: path.map(String), message: issue.message });
      }
    }
  });

const bulkFields = {
  /** Optional for a dry run only: the form counts what would be sent before a target
   *  is typed. */
  url: url.optional(),
  filter,
  dry_run: z.boolean().default(false),
  concurrency: z.number().int().min(1).max(MAX_BULK_CONCURRENCY).optional(),
  timeout_ms: timeoutMs,
};

/** A bulk replay has no edited mode: one edit cannot fit every delivery. */
export const bulkInputSchema = z
  .discriminatedUnion(
    "mode",
    [z.object({ ...bulkFields, ...exactMode }), z.object({ ...bulkFields, ...endpointMode })],
    unknownMode(["exact", "endpoint"]),
  )
  .superRefine((input, ctx) => {
    if (!input.dry_run && input.url === undefined) {
      ctx.addIssue({ code: "custom", path: ["url"], message: "url is required" });
    }
  });

export type BulkInput = z.output<typeof bulkInputSchema>;
export type BulkRequestInput = z.input<typeof bulkInputSchema>;

/** Whether the API would take this input, for a form's submit button. A search the
 *  filter cannot parse throws its 400 from inside the schema (delivery-filter.ts) rather
 *  than failing the parse: that is a no too, and must not break the page. */
export function acceptsInput(schema: z.ZodType, input: unknown): boolean {
  try {
    return schema.safeParse(input).success;
  } catch {
    return false;
  }
}

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
