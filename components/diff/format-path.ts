import type { DiffPath } from "@/lib/diff/diff-resource-details";

const PLAIN_KEY = /^[\p{L}_$][\p{L}\p{N}_$-]*$/u;

/**
 * A diff path as people read it: `disks_info[1].disk_size`, `metadata["sys:cpu"]`.
 * Keys that are not plain names are quoted, so `a.b` the key never reads as a path.
 */
export function formatPath(path: DiffPath): string {
  if (path.length === 0) return "(whole resource)";
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** A value as one line of JSON, cut at `max` characters. */
export function previewValue(value: unknown, max = 120): { text: string; cut: boolean } {
  const text = value === undefined ? "(absent)" : JSON.stringify(value);
  return text.length > max ? { text: `${text.slice(0, max)}…`, cut: true } : { text, cut: false };
}
