/**
 * How long diffResourceDetails takes on a realistic pair of ~1 MB snapshots, next to a
 * baseline measured in the same run on the same data (JSON.parse + JSON.stringify of
 * both), so that a slow machine shows as a slow baseline, not as a regression.
 *
 *   npx tsx scripts/bench-diff.ts [runs]
 */
import { diffResourceDetails } from "../lib/diff/diff-resource-details";
import { makePair, medianMs } from "./bench-diff-fixture";

const TARGET_MS = 50;
const runs = Number(process.argv[2] ?? 30);

const { before, after, bytes } = makePair();
const beforeText = JSON.stringify(before);
const afterText = JSON.stringify(after);

const entries = diffResourceDetails(before, after);
const diffMs = medianMs(runs, () => diffResourceDetails(before, after));
const baselineMs = medianMs(runs, () => {
  JSON.stringify(JSON.parse(beforeText));
  JSON.stringify(JSON.parse(afterText));
});
const parseAndDiffMs = medianMs(runs, () =>
  diffResourceDetails(JSON.parse(beforeText), JSON.parse(afterText)),
);

const mb = (n: number) => (n / 1e6).toFixed(2);
const ms = (n: number) => n.toFixed(2).padStart(7);
console.log(
  `pair: ${mb(bytes)} MB (${mb(beforeText.length)} + ${mb(afterText.length)}), ${entries.length} entries, median of ${runs} runs`,
);
console.log(`diffResourceDetails          ${ms(diffMs)} ms   target < ${TARGET_MS} ms`);
console.log(
  `JSON.parse+stringify (base)  ${ms(baselineMs)} ms   diff/baseline ${(diffMs / baselineMs).toFixed(2)}x`,
);
console.log(`parse both + diff            ${ms(parseAndDiffMs)} ms`);
if (diffMs >= TARGET_MS) {
  console.error(`diff took ${diffMs.toFixed(1)} ms, over the ${TARGET_MS} ms target`);
  process.exitCode = 1;
}
