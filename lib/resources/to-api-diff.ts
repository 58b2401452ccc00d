import type { DiffEntry } from "../diff/diff-resource-details";
import type { NoiseMatcher } from "../diff/noise-fields";
import type { ApiDiffEntry } from "./resource-types";

/** Diff entries as the API returns them: each marked noise or not. */
export function toApiDiff(entries: readonly DiffEntry[], isNoise: NoiseMatcher): ApiDiffEntry[] {
  return entries.map((entry) => ({ ...entry, noise: isNoise(entry.path) }));
}
