import { countOf } from "@/lib/stats/count-record";
import type { DeliveryStats } from "@/lib/stats/stats-types";
import { NO_VALUE } from "@/lib/stats/stats-query";
import { BUCKET_MS } from "@/lib/stats/time-buckets";

/** Stacks beyond this many are folded into "other", which stays one exact filter. */
export const MAX_SERIES = 8;
export const OTHER = "other";

const PALETTE = [
  "#4f46e5",
  "#0891b2",
  "#16a34a",
  "#ca8a04",
  "#db2777",
  "#9333ea",
  "#ea580c",
  "#0d9488",
];
const OTHER_COLOR = "#94a3b8";
const NONE_COLOR = "#cbd5e1";

/** Recharts' tooltip box in the page's theme (its default is a white box). */
export const TOOLTIP_STYLE = {
  background: "var(--color-white)",
  borderColor: "var(--color-slate-200)",
  color: "var(--color-slate-900)",
};

/** One stack of the chart: `values` are the grouped values it stands for. */
export type Series = { id: string; label: string; values: string[]; total: number; color: string };
/** One bar: its bucket (clipped to the range) and a count per series id. */
export type ChartRow = { start: number; end: number; counts: Record<string, number> };

/**
 * The chart's stacks and bars from a stats answer: the largest groups first, the rest
 * folded into "other" (never the absent value, which no feed filter can name), and each
 * bar's time span clipped to the range, so that a bar's link asks for what it counted.
 */
export function chartSeries(stats: DeliveryStats): { series: Series[]; rows: ChartRow[] } {
  const keys = Object.entries(stats.totals).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const named = keys.filter(([key]) => key !== NO_VALUE);
  const none = keys.find(([key]) => key === NO_VALUE);
  const room = MAX_SERIES - (none ? 1 : 0);
  const shown = named.length > room ? named.slice(0, room - 1) : named;
  const folded = named.slice(shown.length);

  const series: Series[] = shown.map(([key, total], i) => ({
    id: `s${i}`,
    label: key,
    values: [key],
    total,
    color: PALETTE[i % PALETTE.length]!,
  }));
  if (folded.length > 0) {
    const total = folded.reduce((sum, [, n]) => sum + n, 0);
    series.push({
      id: "other",
      label: OTHER,
      values: folded.map(([key]) => key),
      total,
      color: OTHER_COLOR,
    });
  }
  if (none)
    series.push({
      id: "none",
      label: NO_VALUE,
      values: [NO_VALUE],
      total: none[1],
      color: NONE_COLOR,
    });

  const since = Date.parse(stats.since);
  const until = Date.parse(stats.until);
  const size = BUCKET_MS[stats.bucket];
  const rows = stats.buckets.map((bucket) => {
    const start = Date.parse(bucket.t);
    const counts: Record<string, number> = {};
    for (const s of series)
      counts[s.id] = s.values.reduce((sum, value) => sum + countOf(bucket.counts, value), 0);
    return { start: Math.max(start, since), end: Math.min(start + size, until), counts };
  });
  return { series, rows };
}
