import "server-only";
import { unsentTargetPage } from "../db/queries/bulk-replays";
import { countMatching, targetPage, type TargetRow } from "../db/queries/deliveries";
import type { DeliveryFilter } from "../events/delivery-filter";

/**
 * The deliveries a bulk replay sends: those matching the feed filter up to the newest one
 * when it starts (later arrivals are not pulled in), read oldest first a page at a time so
 * that a million matches never sit in memory.
 */
export function countBulkTargets(
  filter: DeliveryFilter,
): Promise<{ total: number; maxId: number }> {
  return countMatching(filter);
}

export type BulkTarget = { id: number; resourceKey: string };

/**
 * An iterator over matching deliveries in ascending id order (the order received), after
 * `after` and up to and including maxId, each with the resource it is about: one
 * resource's deliveries must reach the target in that order. A delivery about no resource
 * is its own key. With `unsentOf`, only those that bulk has no result for (a bulk taken
 * over from an instance that stopped).
 */
export function bulkTargets(
  filter: DeliveryFilter,
  maxId: number,
  options: { after?: number; pageSize?: number; unsentOf?: number } = {},
): () => Promise<BulkTarget | undefined> {
  const pageSize = options.pageSize ?? 200;
  let buffer: TargetRow[] = [];
  let after = options.after ?? 0;
  let exhausted = false;
  const { unsentOf } = options;
  const page = (from: number) =>
    unsentOf === undefined
      ? targetPage(filter, from, maxId, pageSize)
      : unsentTargetPage(filter, unsentOf, from, maxId, pageSize);
  return async () => {
    if (buffer.length === 0 && !exhausted) {
      buffer = await page(after);
      if (buffer.length < pageSize) exhausted = true;
      after = buffer[buffer.length - 1]?.id ?? after;
    }
    const row = buffer.shift();
    if (!row) return undefined;
    const resourceKey =
      row.resourceId === null
        ? `delivery:${row.id}`
        : `${row.resourceType ?? ""}\u0000${row.resourceId}`;
    return { id: row.id, resourceKey };
  };
}
