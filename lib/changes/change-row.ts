import type { DiffEntry } from "../diff/diff-resource-details";

/** What resource_changes needs of a kept step with a diff. */
export type ChangedStep = {
  delivery_id: number;
  resource_type: string;
  resource_id: string;
  received_at: number;
};

/**
 * One resource_changes row of a kept step's diff entry, as both engines insert it:
 * delivery, type, id, path (JSON), field, op, before and after (JSON or null), time (ms).
 */
export function changeRow(step: ChangedStep, entry: DiffEntry) {
  return [
    step.delivery_id,
    step.resource_type,
    step.resource_id,
    JSON.stringify(entry.path),
    String(entry.path[0] ?? ""),
    entry.op,
    "before" in entry ? JSON.stringify(entry.before) : null,
    "after" in entry ? JSON.stringify(entry.after) : null,
    step.received_at,
  ] as const;
}
