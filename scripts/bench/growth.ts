/**
 * How the costs grow with history (issue 19, item 2): the same probes as the queries
 * bench (feed first page unfiltered, filtered and by text, a timeline, 24 h of stats)
 * plus an export of the newest 100,000 rows, at each database size in turn, every figure
 * beside the cheapest route's (GET /api/endpoints) on the same server. The databases are
 * kept in BENCH_DB_DIR between runs (seeding 5,000,000 rows and their search index takes
 * a while); the p95 targets at every size are those set for 1,000,000.
 *
 *   BENCH_DB_DIR=/var/tmp/hooklens npm run bench -- --only growth
 *   (BENCH_GROWTH_SIZES=100000,1000000,5000000 by default)
 */
import { loadavg } from "node:os";
import path from "node:path";
import { benchQueries } from "./queries";
import { round } from "./stats";

export const GROWTH_EXPORT_ROWS = 100_000;

export type GrowthFigures = Array<
  Awaited<ReturnType<typeof benchQueries>> & { deliveries: number; load: number[] }
>;

export async function benchGrowth(options: {
  dir: string;
  sizes: number[];
  runs: number;
  exportRows?: number;
  log?: (line: string) => void;
}): Promise<GrowthFigures> {
  const log = options.log ?? ((line: string) => console.error(`growth: ${line}`));
  const figures: GrowthFigures = [];
  for (const count of options.sizes) {
    log(`${count.toLocaleString("en")} deliveries`);
    const file = path.join(options.dir, `hooklens-bench-${count}.db`);
    const load = loadavg().map((value) => round(value, 2));
    const { baseline, results } = await benchQueries({
      file,
      count,
      runs: options.runs,
      exportRows: Math.min(options.exportRows ?? GROWTH_EXPORT_ROWS, count),
    });
    figures.push({ deliveries: count, load, baseline, results });
    log(results.map((r) => `${r.name}: ${r.p95_ms} ms`).join("; "));
  }
  return figures;
}
