/** The payload search benchmark's figures as rows of `npm run bench`'s table, and its run. */
import { benchSearch } from "./search";
import { benchSearchKept } from "./search-kept";
import type { Row } from "./print-report";

type Figures = Awaited<ReturnType<typeof benchSearch>>;
type KeptFigures = Awaited<ReturnType<typeof benchSearchKept>>;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function probeRows(search: Figures | KeptFigures, yes: (ok: boolean) => string): Row[] {
  const n = search.seed.deliveries.toLocaleString("en");
  return search.probes.map((probe) => {
    const scan = search.unindexed.find((u) => u.name === probe.name);
    return {
      figure: `search ${probe.name} at ${n}, p50 / p95 ms (p95 of each round)`,
      value: `${probe.p50_ms} / ${probe.p95_ms} (${probe.round_p95_ms.join(", ")}; ${probe.first_page} on the page)`,
      baseline: scan ? `${scan.runs_ms.join(", ")} ms unindexed scan, each run` : "-",
      target: `p95 <= ${probe.target_ms}`,
      met: yes(probe.p95_ms <= probe.target_ms),
    };
  });
}

function sizeRow(search: Figures | KeptFigures, yes: (ok: boolean) => string): Row {
  return {
    figure: `search index size at ${search.seed.deliveries.toLocaleString("en")} (all its tables)`,
    value: `${Math.round(search.storage.index_bytes / 1e6)} MB (${search.storage.ratio}x)`,
    baseline: `${Math.round(search.storage.raw_bytes / 1e6)} MB raw bodies received`,
    target: "<= 0.5x",
    met: yes(search.storage.ratio <= 0.5),
  };
}

/** The kept database's run: queries, scans and size, and the load they ran at. */
export function searchKeptRows(search: KeptFigures, yes: (ok: boolean) => string): Row[] {
  const rows = [...probeRows(search, yes), sizeRow(search, yes)];
  if (search.build) {
    rows.push({
      figure: `search index built at once over ${search.build.indexed.toLocaleString("en")} deliveries`,
      value: `${search.build.seconds} s (${search.build.per_second}/s, optimize ${search.build.optimize_seconds} s)`,
      baseline: "server-start catch-up 1,256/s (300k, load 7)",
      target: "-",
      met: "-",
    });
  }
  const { before, queries, scans, after } = search.load;
  rows.push({
    figure: "load average (1 min) before / at queries / at scans / after",
    value: [before, queries, scans, after].map((load) => load[0]).join(" / "),
    baseline: "-",
    target: "< 2.5 quiet",
    met: "-",
  });
  return rows;
}

export function searchRows(search: Figures, yes: (ok: boolean) => string): Row[] {
  const n = search.seed.deliveries.toLocaleString("en");
  const rows = probeRows(search, yes);
  const ratios = search.ingest.map((round) => round.ratio);
  const ratio = median(ratios);
  const withIndex = median(search.ingest.map((round) => round.with.rps));
  const without = median(search.ingest.map((round) => round.without.rps));
  rows.push(
    {
      figure: `search index catch-up over ${n} existing deliveries (server start), deliveries/s`,
      value: `${search.catch_up.per_second} (${search.catch_up.per_cpu_second} per CPU second, ${search.catch_up.seconds} s)`,
      baseline: "550/s before (measured under load, 100k)",
      target: ">= 1000",
      met: yes(search.catch_up.per_second >= 1000),
    },
    {
      // Searches never wait for the index (deliveries past it are read from their bodies):
      // the lag is how long a delivery is searched the slow way.
      figure: `search index lag, 200 to indexed, ${search.lag.offered_per_second} deliveries/s offered (open loop), p50 / p95 / max ms (searches stay complete meanwhile)`,
      value: `${search.lag.lag_p50_ms} / ${search.lag.lag_p95_ms} / ${search.lag.lag_max_ms}`,
      baseline: `${search.lag.answered_per_second}/s answered, answer p99 ${search.lag.answer_p99_ms} ms, receiver ${search.lag.receiver_kept_up ? "kept up" : "did NOT keep up"}`,
      target: "p95 <= 1000 while the receiver keeps up",
      met: search.lag.receiver_kept_up ? yes(search.lag.lag_p95_ms <= 1000) : "- (receiver behind)",
    },
    sizeRow(search, yes),
    {
      figure: `ingest with the search index / without (median of ${ratios.length} rounds, order alternating: ${ratios.join(", ")})`,
      value: `${ratio} (${Math.round(withIndex)}/s)`,
      baseline: `${Math.round(without)}/s with HOOKLENS_SEARCH_INDEX=off`,
      target: ">= 0.9",
      met: yes(ratio >= 0.9),
    },
    {
      figure: `seeding ${n} deliveries through the receiver's write path`,
      value: `${search.seed.seconds} s (${search.seed.per_second}/s)`,
      baseline: "-",
      target: "-",
      met: "-",
    },
  );
  return rows;
}

/** The search part of `npm run bench`: on a kept database (BENCH_SEARCH_DIR: queries,
 *  scans and size) or the full run on a fresh one. */
export async function runSearchBench(quick: boolean, yes: (ok: boolean) => string) {
  const count = quick ? 20_000 : Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
  const [runs, rounds] = quick ? [10, 1] : [40, 3];
  if (process.env.BENCH_SEARCH_DIR) {
    const figures = await benchSearchKept({
      dir: process.env.BENCH_SEARCH_DIR,
      count,
      runs,
      rounds,
      scanRuns: Number(process.env.BENCH_SCAN_RUNS ?? 3),
    });
    return { figures, rows: searchKeptRows(figures, yes) };
  }
  const figures = await benchSearch({
    count,
    runs,
    rounds,
    ingestSeconds: quick ? 3 : Number(process.env.BENCH_SECONDS ?? 15),
    ingestRounds: quick ? 1 : Number(process.env.BENCH_INGEST_ROUNDS ?? 5),
  });
  return { figures, rows: searchRows(figures, yes) };
}
