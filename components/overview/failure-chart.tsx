"use client";
import { useRouter } from "next/navigation";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { FailureStats } from "@/lib/stats/stats-types";
import { FAILURE_FILTERS } from "@/lib/stats/stats-query";
import { BUCKET_MS } from "@/lib/stats/time-buckets";
import { ChartLegend } from "./chart-legend";
import { TOOLTIP_STYLE } from "./chart-series";
import { feedHref, spanFilter } from "./feed-link";
import { segmentShape } from "./segment-shape";
import { bucketLabel, deliveries, spanLabel } from "./time-labels";

const CATEGORIES = [
  { key: "failed", label: "failed result", color: "#dc2626" },
  { key: "invalid_signature", label: "invalid signature", color: "#f97316" },
  { key: "unparsed", label: "unparsed body", color: "#a855f7" },
] as const;

const percent = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;

/**
 * Failures over time: a stack per kind of failure (each an exact feed filter, so each
 * segment opens the feed to it; a delivery both failed and forged counts in both) and the
 * failure rate, which counts such a delivery once.
 */
export function FailureChart({
  stats,
  endpoint,
}: {
  stats: FailureStats;
  endpoint: string | undefined;
}) {
  const router = useRouter();
  const since = Date.parse(stats.since);
  const until = Date.parse(stats.until);
  const rows = stats.buckets.map((bucket) => {
    const start = Date.parse(bucket.t);
    return {
      ...bucket,
      start: Math.max(start, since),
      end: Math.min(start + BUCKET_MS[stats.bucket], until),
    };
  });
  const data = rows.map((row) => ({
    ...row,
    label: bucketLabel(row.start, stats.bucket),
    rate: percent(row.failures, row.total),
  }));
  const { totals } = stats;

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600" data-testid="failure-rate">
        <span className="text-lg font-semibold text-slate-900">
          {percent(totals.failures, totals.total)}%
        </span>{" "}
        failed: {totals.failures} of {totals.total} deliveries
      </p>
      <ChartLegend
        label="Failures by kind"
        items={CATEGORIES.map((c) => ({
          id: c.key,
          label: c.label,
          total: totals[c.key],
          color: c.color,
          href: feedHref({ ...spanFilter(since, until, endpoint), ...FAILURE_FILTERS[c.key] }),
        }))}
      />
      <div className="h-48" data-testid="failure-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 4, right: 0, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--color-slate-200)" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis yAxisId="count" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis
              yAxisId="rate"
              orientation="right"
              unit="%"
              domain={[0, 100]}
              tick={{ fontSize: 11 }}
            />
            <Tooltip wrapperStyle={{ fontSize: 12 }} contentStyle={TOOLTIP_STYLE} />
            {CATEGORIES.map((c) => (
              <Bar
                key={c.key}
                yAxisId="count"
                dataKey={c.key}
                name={c.label}
                stackId="failures"
                fill={c.color}
                isAnimationActive={false}
                shape={segmentShape(
                  (index) => {
                    const row = rows[index]!;
                    return {
                      label: `${c.label}, ${spanLabel(row.start, row.end, stats.bucket)}: ${deliveries(row[c.key])}`,
                      href: feedHref({
                        ...spanFilter(row.start, row.end, endpoint),
                        ...FAILURE_FILTERS[c.key],
                      }),
                    };
                  },
                  (href) => router.push(href),
                )}
              />
            ))}
            <Line
              yAxisId="rate"
              dataKey="rate"
              name="failure rate %"
              stroke="var(--color-slate-900)"
              dot={false}
              strokeWidth={1.5}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
