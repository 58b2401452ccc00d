import type { DiffEntry, DiffPath } from "./diff-resource-details";

/**
 * Fields whose changes say little about the resource: bookkeeping the platform rewrites
 * on nearly every event (timestamps, counters), and the notes a status-change event adds
 * to resource_details (old_status/new_status, which repeat the status change and vanish
 * again from the next event), and the credentials that create, rebuild_root and
 * reset_password events add (password, login_account: present in those events only, so
 * otherwise every following update would show them "removed"). Their changes are folded
 * away, not dropped, so the UI can still show them on demand.
 */
export const DEFAULT_NOISE_FIELDS: readonly string[] = [
  "updated_at",
  "update_version",
  "last_sync",
  "last_sync_end_at",
  "last_auto_sync",
  "last_ping_at",
  "last_active_at",
  "old_status",
  "new_status",
  "password",
  "login_account",
];

export type NoiseMatcher = (path: DiffPath) => boolean;

const GLOB_SPECIALS = /[.+?^${}()|[\]\\]/g;

/**
 * Builds a matcher from field patterns. A pattern is a field name, matched against the
 * innermost key of a path at any depth (`updated_at` folds `disks_info/0/updated_at`
 * too), where `*` stands for any run of characters (`last_sync*`). A pattern with dots
 * (`metadata.sys:*`) is a path from the top of the resource instead; list positions in
 * such a path are matched by `*`.
 */
export function noiseMatcher(patterns: readonly string[] = DEFAULT_NOISE_FIELDS): NoiseMatcher {
  const names = new Set<string>();
  const nameGlobs: RegExp[] = [];
  const pathGlobs: RegExp[][] = [];
  for (const raw of patterns) {
    const pattern = raw.trim();
    if (!pattern) continue;
    if (pattern.includes(".")) pathGlobs.push(pattern.split(".").map(globToRegExp));
    else if (pattern.includes("*")) nameGlobs.push(globToRegExp(pattern));
    else names.add(pattern);
  }
  return (path) => {
    const key = innermostKey(path);
    if (key !== undefined && (names.has(key) || nameGlobs.some((glob) => glob.test(key)))) {
      return true;
    }
    return pathGlobs.some((segments) => matchesPathPrefix(path, segments));
  };
}

function globToRegExp(glob: string): RegExp {
  const source = glob.replace(GLOB_SPECIALS, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${source}$`, "u");
}

function innermostKey(path: DiffPath): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === "string") return segment;
  }
  return undefined;
}

/** A path pattern folds the field it names and everything below it. */
function matchesPathPrefix(path: DiffPath, segments: RegExp[]): boolean {
  if (path.length < segments.length) return false;
  return segments.every((glob, i) => glob.test(String(path[i])));
}

export type MarkedDiffEntry = DiffEntry & { noise: boolean };

/** Marks each entry as noise or not, keeping the order. */
export function markNoise(
  entries: readonly DiffEntry[],
  isNoise: NoiseMatcher = noiseMatcher(),
): MarkedDiffEntry[] {
  return entries.map((entry) => ({ ...entry, noise: isNoise(entry.path) }));
}

/** Parses the noise-field setting as the UI stores it: one pattern a line or comma. */
export function parseNoiseFields(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((pattern) => pattern.trim())
    .filter(Boolean);
}
