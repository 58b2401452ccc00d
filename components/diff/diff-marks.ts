import type { DiffOp, DiffPath } from "@/lib/diff/diff-resource-details";

/** One side of a comparison: how each differing path reads there, and its ancestors. */
export type DiffMarks = { marked: Map<string, DiffOp>; ancestors: Set<string> };

export type MarkEntry = { path: DiffPath; op: DiffOp };

/** A path as a map key; array indexes and object keys of the same text stay distinct. */
export function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}

/**
 * The marks for the `from` or the `to` state of a comparison. A path added between the
 * two exists only on the `to` side (marked added there), a removed one only on `from`.
 */
export function diffMarks(entries: MarkEntry[], side: "from" | "to"): DiffMarks {
  const marked = new Map<string, DiffOp>();
  const ancestors = new Set<string>();
  for (const { path, op } of entries) {
    if (op === "added" && side === "from") continue;
    if (op === "removed" && side === "to") continue;
    marked.set(pathKey(path), op);
    for (let i = 0; i < path.length; i++) ancestors.add(pathKey(path.slice(0, i)));
  }
  return { marked, ancestors };
}

/** Whether a node is shown when equal parts are hidden: it differs, or holds what does. */
export function showsDifference(marks: DiffMarks, path: readonly (string | number)[]): boolean {
  const key = pathKey(path);
  if (marks.marked.has(key) || marks.ancestors.has(key)) return true;
  // Inside a marked subtree (an added object): everything in it is new.
  for (let i = path.length - 1; i >= 0; i--) {
    if (marks.marked.has(pathKey(path.slice(0, i)))) return true;
  }
  return false;
}
