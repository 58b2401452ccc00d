import { diffResourceDetails, type DiffEntry } from "../diff/diff-resource-details";
import { processSingleton } from "../process-singleton";

type Json = Record<string, unknown>;

/**
 * Diffs of two resource_details objects, kept for as long as both objects live. The
 * details cache hands out the same parsed object for a delivery every time, so
 * reopening a timeline compares only the snapshots it has not compared before: a
 * resource of 1 MiB snapshots with 100,000 keys spent most of each open re-diffing
 * (issue 13). Keyed weakly: an entry goes when the cache lets its snapshots go.
 * Callers share the entries and must never mutate them.
 */
const diffs = processSingleton(
  "resource-diff-memo",
  () => new WeakMap<Json, WeakMap<Json, DiffEntry[]>>(),
);

export function memoDiff(before: Json, after: Json): DiffEntry[] {
  let byAfter = diffs.get(before);
  if (!byAfter) {
    byAfter = new WeakMap();
    diffs.set(before, byAfter);
  }
  let entries = byAfter.get(after);
  if (!entries) {
    entries = diffResourceDetails(before, after);
    byAfter.set(after, entries);
  }
  return entries;
}
