import type { DiffOp, DiffPath } from "../diff/diff-resource-details";
import type { DeliverySummary } from "../events/delivery-summary";

/** The API's shapes for resources, shared by route handlers and query hooks (snake_case). */

export type ApiDiffEntry = {
  path: DiffPath;
  op: DiffOp;
  before?: unknown;
  after?: unknown;
  /** A bookkeeping field (updated_at and the like) that the UI folds away. */
  noise: boolean;
};

export type ResourceItem = {
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  status: string | null;
  last_action: string | null;
  last_result: string | null;
  last_event_id: number;
  endpoint_id: string;
  first_seen_at: string;
  last_seen_at: string;
  delivery_count: number;
  deleted: boolean;
};

export type ResourceTypeCount = { resource_type: string; count: number };

export type TimelineDelivery = DeliverySummary & {
  /** Changes since the delivery `compared_to`; null for the first, duplicates and no details. */
  diff: ApiDiffEntry[] | null;
  compared_to: number | null;
  first: boolean;
  duplicate: boolean;
  deletion: boolean;
  out_of_order: boolean;
  unchanged: boolean;
};

export type ResourceTimelineBody = {
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  status: string | null;
  deleted: boolean;
  /** The latest known resource_details. */
  state: Record<string, unknown> | null;
  state_from: number | null;
  /** A window of the steps, oldest first: the newest `limit` older than `before`. */
  events: TimelineDelivery[];
  /** `before` for the window of older steps; null when this one reaches the first step. */
  next_before: number | null;
  total_events: number;
  invalid_signature_count: number;
  noise_fields: string[];
};

export type ResourceStateBody = {
  resource_type: string;
  resource_id: string;
  at: number;
  /** The whole resource as that step shows it. */
  state: Record<string, unknown> | null;
  /** What that delivery itself carried (a bare row for a delete). */
  snapshot: Record<string, unknown> | null;
};

export type ResourceCompareBody = {
  resource_type: string;
  resource_id: string;
  from: number;
  to: number;
  diff: ApiDiffEntry[];
};

export type NoiseFieldsBody = { noise_fields: string[]; defaults: string[] };
