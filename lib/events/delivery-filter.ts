import { z } from "zod";
import { invalidField } from "../http/api-error";
import { parseSearchQuery, SearchSyntaxError } from "../search/parse-search-query";

/**
 * The feed filter: one schema for the list API, the stream, facets, export, bulk
 * replay and the URL of the /events page. List-valued fields take comma-separated
 * values ("create,update").
 */
const list = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .optional();

/** Deliveries' kinds and signature verdicts are Hooklens's own closed sets, so an unknown
 *  value (kind=validation) is refused naming the allowed ones rather than matching nothing.
 *  `result` is the platform's word, stored as sent (`succeed`/`failed` today, anything a
 *  release or a hostile sender writes tomorrow), so it stays an open list like action. */
export const DELIVERY_KINDS = ["event", "verification", "text", "unparsed", "redirected"] as const;
export const SIGNATURE_VERDICTS = ["valid", "invalid", "unsigned"] as const;

function closedList(allowed: readonly string[]) {
  return z
    .string()
    .transform((value, context) => {
      const items = value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean);
      const unknown = items.filter((item) => !allowed.includes(item));
      if (unknown.length > 0) {
        context.addIssue({
          code: "custom",
          message: `unknown value ${unknown.map((item) => `"${item}"`).join(", ")}; allowed: ${allowed.join(", ")}`,
        });
        return z.NEVER;
      }
      return items;
    })
    .optional();
}

const time = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be an ISO 8601 time")
  .transform((value) => Date.parse(value))
  .optional();

/** A search that cannot be parsed is a 400 that says where (lib/search/parse-search-query.ts). */
function checkSearchSyntax(value: string): string {
  try {
    parseSearchQuery(value);
  } catch (error) {
    if (!(error instanceof SearchSyntaxError)) throw error;
    throw invalidField("q", error.message, "bad_request");
  }
  return value;
}

export const deliveryFilterSchema = z.object({
  endpoint: z.string().min(1).optional(),
  kind: closedList(DELIVERY_KINDS),
  resource_type: list,
  action: list,
  result: list,
  signature: closedList(SIGNATURE_VERDICTS),
  resource_id: z.string().min(1).optional(),
  duplicate: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  q: z.string().trim().min(1).max(500).transform(checkSearchSyntax).optional(),
  since: time,
  until: time,
});

export type DeliveryFilter = z.output<typeof deliveryFilterSchema>;

export const deliveryListSchema = deliveryFilterSchema.extend({
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type DeliveryListQuery = z.output<typeof deliveryListSchema>;
