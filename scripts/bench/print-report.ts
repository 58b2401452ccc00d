import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";

/** One line of `npm run bench`'s table: a figure beside its baseline and its target. */
export type Row = { figure: string; value: string; baseline: string; target: string; met: string };

/** Prints the run's table and writes its full figures to bench-results/latest.json. */
export function printReport(rows: Row[], report: Record<string, unknown>, quick: boolean) {
  const widths = (["figure", "value", "baseline", "target", "met"] as const).map((key) =>
    Math.max(key.length, ...rows.map((row) => row[key].length)),
  );
  const line = (cells: string[]) =>
    "| " + cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ") + " |";
  console.log(
    `\nHooklens benchmarks — ${String((report.machine as { cpu?: string }).cpu)}, ${cpus().length} cores, Node ${process.version}${quick ? " (quick)" : ""}\n`,
  );
  console.log(line(["figure", "value", "baseline", "target", "met"]));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows)
    console.log(line([row.figure, row.value, row.baseline, row.target, row.met]));
  mkdirSync("bench-results", { recursive: true });
  writeFileSync(path.join("bench-results", "latest.json"), JSON.stringify(report, null, 2));
  console.log("\nFull figures: bench-results/latest.json");
}
