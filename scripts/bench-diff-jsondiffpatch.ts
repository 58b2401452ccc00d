/**
 * The measurement behind choosing a hand-written walker over jsondiffpatch for
 * lib/diff: both on the same ~1 MB pair, jsondiffpatch set up as close to our format as
 * it goes (ids as object hashes, no move detection, position fallback) and its delta
 * converted to our entries, since the API needs those.
 *
 *   npx tsx scripts/bench-diff-jsondiffpatch.ts [runs]
 */
import { create, type Delta } from "jsondiffpatch";
import { diffResourceDetails, type DiffEntry } from "../lib/diff/diff-resource-details";
import { makePair, medianMs } from "./bench-diff-fixture";

const runs = Number(process.argv[2] ?? 10);

/** Ids as object hashes, else the position: as close to our matching as it goes. */
function patcher(detectMove: boolean) {
  return create({
    objectHash: (item, index) => {
      const id = (item as Record<string, unknown>)["id"];
      return typeof id === "string" || typeof id === "number" ? `id:${id}` : `$pos:${index}`;
    },
    arrays: { detectMove, includeValueOnMove: false },
    cloneDiffValues: false,
  });
}

/** Delta to entries: [new] added, [old, new] changed, [old, 0, 0] removed, `_n` old index. */
function toEntries(delta: Delta, path: (string | number)[] = [], out: DiffEntry[] = []) {
  if (delta === undefined) return out;
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.push({ path, op: "added", after: delta[0] });
    else if (delta.length === 2)
      out.push({ path, op: "changed", before: delta[0], after: delta[1] });
    else if (delta[2] === 0) out.push({ path, op: "removed", before: delta[0] });
    // A move ([_, newIndex, 3]) is no change in our format: dropped.
    return out;
  }
  const isArray = (delta as Record<string, unknown>)["_t"] === "a";
  for (const [key, child] of Object.entries(delta as Record<string, Delta>)) {
    if (key === "_t") continue;
    const segment = isArray ? Number(key.startsWith("_") ? key.slice(1) : key) : key;
    toEntries(child, [...path, segment], out);
  }
  return out;
}

const { before, after, bytes } = makePair();
const row = (name: string, run: () => DiffEntry[]) => {
  const entries = run();
  const ms = medianMs(runs, run);
  console.log(`${name.padEnd(42)} ${ms.toFixed(2).padStart(8)} ms  ${entries.length} entries`);
};

console.log(`pair: ${(bytes / 1e6).toFixed(2)} MB, median of ${runs} runs`);
row("diffResourceDetails", () => diffResourceDetails(before, after));
for (const detectMove of [false, true]) {
  const instance = patcher(detectMove);
  row(`jsondiffpatch detectMove=${detectMove} + convert`, () =>
    toEntries(instance.diff(before, after)),
  );
}
