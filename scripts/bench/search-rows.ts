/** The payload search benchmark's figures as rows of `npm run bench`'s table. */
import type { benchSearch } from "./search";

type Row = { figure: string; value: string; baseline: string; target: string; met: string };
type Figures = Awaited<ReturnType<typeof benchSearch>>;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export function searchRows(search: Figures, yes: (ok: boolean) => string): Row[] {
  const n = search.seed.deliveries.toLocaleString("en");
  const rows: Row[] = search.probes.map((probe) => {
    const scan = search.unindexed.find((u) => u.name === probe.name);
    return {
      figure: `search ${probe.name} at ${n}, p50 / p95 ms (p95 of each round)`,
      value: `${probe.p50_ms} / ${probe.p95_ms} (${probe.round_p95_ms.join(", ")}; ${probe.first_page} on the page)`,
      baseline: scan ? `${scan.ms} ms unindexed scan (one run)` : "-",
      target: `p95 <= ${probe.target_ms}`,
      met: yes(probe.p95_ms <= probe.target_ms),
    };
  });
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
      figure: `search index lag behind ${search.lag.sent_per_second} deliveries/s, p50 / p95 / max ms`,
      value: `${search.lag.lag_p50_ms} / ${search.lag.lag_p95_ms} / ${search.lag.lag_max_ms}`,
      baseline: "-",
      target: "p95 <= 1000",
      met: yes(search.lag.lag_p95_ms <= 1000),
    },
    {
      figure: `search index size at ${n} (all its tables)`,
      value: `${Math.round(search.storage.index_bytes / 1e6)} MB (${search.storage.ratio}x)`,
      baseline: `${Math.round(search.storage.raw_bytes / 1e6)} MB raw bodies received`,
      target: "<= 0.5x",
      met: yes(search.storage.ratio <= 0.5),
    },
    {
      figure: `ingest with the search index / without (median of ${ratios.length} rounds: ${ratios.join(", ")})`,
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
