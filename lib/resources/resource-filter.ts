import { z } from "zod";
import { deliveryFilterSchema } from "../events/delivery-filter";

/**
 * The resource list's filter: one schema for GET /api/resources and the /resources page's
 * URL. resource_type takes comma-separated values, read as the event feed reads them.
 */
const list = deliveryFilterSchema.shape.resource_type;

export const resourceFilterSchema = z.object({
  resource_type: list,
  q: z.string().trim().min(1).max(200).optional(),
  deleted: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  endpoint: z.string().min(1).optional(),
  order: z.enum(["desc", "asc"]).default("desc"),
});

export const resourceListSchema = resourceFilterSchema.extend({
  cursor: z.string().min(1).max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type ResourceListQuery = z.output<typeof resourceListSchema>;

/** Where the previous page ended: the sort key of its last row. */
export type ResourceCursor = { last_seen_at: number; resource_type: string; resource_id: string };

export function encodeResourceCursor(cursor: ResourceCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const cursorSchema = z.object({
  last_seen_at: z.number().int(),
  resource_type: z.string(),
  resource_id: z.string(),
});

export function decodeResourceCursor(text: string): ResourceCursor | null {
  try {
    const parsed = cursorSchema.safeParse(
      JSON.parse(Buffer.from(text, "base64url").toString("utf8")),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
