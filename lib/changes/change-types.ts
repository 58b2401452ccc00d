import { z } from "zod";
import type { DiffOp, DiffPath } from "../diff/diff-resource-details";
import { deliveryFilterSchema } from "../events/delivery-filter";

/**
 * GET /api/changes and the changes view: where did a field change? Lists and times read
 * the way the event feed reads them (comma-separated values, ISO 8601).
 */
const { resource_type: list, since: time } = deliveryFilterSchema.shape;

export const changeFilterSchema = z.object({
  resource_type: list,
  resource_id: z.string().min(1).optional(),
  /** The top-level field of resource_details (status, vmem_size, disks_info...). */
  field: z.string().trim().min(1).max(200).optional(),
  /** The value the field became: text as is; numbers, true, false and null also as JSON. */
  to: z.string().max(2000).optional(),
  op: z
    .string()
    .transform((value) => value.split(",").map((item) => item.trim()))
    .pipe(z.array(z.enum(["added", "removed", "changed"])))
    .optional(),
  since: time,
  until: time,
});

export const changeListSchema = changeFilterSchema.extend({
  cursor: z
    .string()
    .regex(/^\d+:\d+$/, "not a cursor this API gave")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type ChangeListQuery = z.output<typeof changeListSchema>;

/** One changed field of one delivery, as GET /api/changes answers it. */
export type ResourceChangeItem = {
  id: number;
  delivery_id: number;
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  action: string | null;
  result: string | null;
  path: DiffPath;
  field: string;
  op: DiffOp;
  before?: unknown;
  after?: unknown;
  noise: boolean;
  changed_at: string;
};
