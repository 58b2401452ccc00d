import type { HeaderPairs } from "../cloudpods/headers";
import { diffResourceDetails, type DiffEntry } from "../diff/diff-resource-details";

/**
 * What an edited replay changes from the stored delivery: headers by name, and the body
 * field by field when both sides are JSON (through the timeline's diff engine), else line
 * by line. Pure; the replay panel shows it before anything is sent.
 */
export type HeaderChange = {
  name: string;
  op: "added" | "removed" | "changed";
  before?: string;
  after?: string;
};

export type LineChange = { op: "same" | "added" | "removed"; text: string };

export type BodyDiff =
  | { kind: "same" }
  | { kind: "json"; entries: DiffEntry[] }
  | { kind: "lines"; lines: LineChange[] }
  | { kind: "too_large" };

/** Beyond this many cells the line diff is not worth its time; we only say they differ. */
const MAX_LCS_CELLS = 4_000_000;

function valuesByName(headers: HeaderPairs): Map<string, { name: string; values: string[] }> {
  const byName = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of headers) {
    const entry = byName.get(name.toLowerCase()) ?? { name, values: [] };
    entry.values.push(value);
    byName.set(name.toLowerCase(), entry);
  }
  return byName;
}

export function diffHeaders(before: HeaderPairs, after: HeaderPairs): HeaderChange[] {
  const old = valuesByName(before);
  const now = valuesByName(after);
  const changes: HeaderChange[] = [];
  for (const [key, { name, values }] of old) {
    const next = now.get(key);
    if (!next) changes.push({ name, op: "removed", before: values.join(", ") });
    else if (next.values.join("\n") !== values.join("\n") || next.name !== name) {
      changes.push({
        name: next.name,
        op: "changed",
        before: values.join(", "),
        after: next.values.join(", "),
      });
    }
  }
  for (const [key, { name, values }] of now) {
    if (!old.has(key)) changes.push({ name, op: "added", after: values.join(", ") });
  }
  return changes;
}

function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Lines kept, removed and added, by longest common subsequence on the differing middle. */
export function diffLines(before: string, after: string): LineChange[] | null {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_LCS_CELLS) return null;

  // table[i * width + j]: the LCS length of midA[i..] and midB[j..]
  const width = midB.length + 1;
  const table = new Int32Array((midA.length + 1) * width);
  const lcs = (i: number, j: number) => table[i * width + j] ?? 0;
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      table[i * width + j] =
        midA[i] === midB[j] ? lcs(i + 1, j + 1) + 1 : Math.max(lcs(i + 1, j), lcs(i, j + 1));
    }
  }
  const middle: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      middle.push({ op: "same", text: midA[i] ?? "" });
      i++;
      j++;
    } else if (j < midB.length && (i === midA.length || lcs(i, j + 1) >= lcs(i + 1, j))) {
      middle.push({ op: "added", text: midB[j++] ?? "" });
    } else {
      middle.push({ op: "removed", text: midA[i++] ?? "" });
    }
  }
  const same = (text: string): LineChange => ({ op: "same", text });
  return [...a.slice(0, start).map(same), ...middle, ...a.slice(endA).map(same)];
}

export function diffBody(before: string, after: string): BodyDiff {
  if (before === after) return { kind: "same" };
  const old = parseJsonBody(before);
  const now = parseJsonBody(after);
  if (old.ok && now.ok) {
    const entries = diffResourceDetails(old.value, now.value);
    // Same JSON, other bytes (spacing, key order): the byte change is still a change.
    if (entries.length > 0) return { kind: "json", entries };
  }
  const lines = diffLines(before, after);
  return lines ? { kind: "lines", lines } : { kind: "too_large" };
}
