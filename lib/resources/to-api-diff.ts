import type { DiffEntry } from "../diff/diff-resource-details";
import type { NoiseMatcher } from "../diff/noise-fields";
import type { ApiDiffEntry } from "./resource-types";

/** Diff entries as the API returns them: each marked noise or not. */
export function toApiDiff(entries: readonly DiffEntry[], isNoise: NoiseMatcher): ApiDiffEntry[] {
  // Built field by field rather than spread: a long timeline has tens of thousands.
  return entries.map((entry) => {
    const out: ApiDiffEntry = { path: entry.path, op: entry.op, noise: isNoise(entry.path) };
    if (entry.op !== "added") out.before = entry.before;
    if (entry.op !== "removed") out.after = entry.after;
    return out;
  });
}
