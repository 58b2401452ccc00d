"use client";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DeliveryStats } from "@/lib/stats/stats-types";
import { chartSeries, TOOLTIP_STYLE } from "./chart-series";
import { ChartLegend } from "./chart-legend";
import { feedHref, groupFilter, spanFilter } from "./feed-link";
import { segmentShape } from "./segment-shape";
import { bucketLabel, deliveries, spanLabel } from "./time-labels";

const GROUP_NOUN: Record<DeliveryStats["group_by"], string> = {
  action: "action",
  resource_type: "resource type",
  result: "result",
  kind: "kind",
  signature: "signature",
  endpoint: "endpoint",
};

/**
 * Deliveries over time as stacked bars, one stack per group. A segment opens the feed
 * filtered to its group and bar; a click elsewhere in a bar's column opens the feed for
 * the whole bar; the legend's totals open the feed for a group over the whole range.
 */
export function VolumeChart({
  stats,
  endpoint,
  names,
}: {
  stats: DeliveryStats;
  endpoint: string | undefined;
  /** Display names for group values (endpoint ids → endpoint names). */
  names?: Map<string, string>;
}) {
  const router = useRouter();
  const { series, rows } = chartSeries(stats);
  const display = (label: string) => names?.get(label) ?? label;
  const data = rows.map((row) => ({ ...row.counts, label: bucketLabel(row.start, stats.bucket) }));
  const range = spanFilter(Date.parse(stats.since), Date.parse(stats.until), endpoint);
  const groupHref = (values: string[], span: ReturnType<typeof spanFilter>) => {
    const group = groupFilter(stats.group_by, values);
    return group ? feedHref({ ...span, ...group }) : null;
  };

  return (
    <div className="space-y-3">
      <ChartLegend
        label={`Deliveries by ${GROUP_NOUN[stats.group_by]}`}
        items={series.map((s) => ({
          id: s.id,
          label: display(s.label),
          total: s.total,
          color: s.color,
          href: groupHref(s.values, range),
          title: s.values.length > 1 ? s.values.map(display).join(", ") : undefined,
        }))}
      />
      <div className="h-64" data-testid="volume-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            margin={{ top: 4, right: 8, bottom: 0, left: -16 }}
            onClick={(state) => {
              const row = rows[Number(state.activeIndex)];
              if (row) router.push(feedHref(spanFilter(row.start, row.end, endpoint)));
            }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--color-slate-200)" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip
              cursor={{ fill: "var(--color-slate-100)" }}
              wrapperStyle={{ fontSize: 12 }}
              contentStyle={TOOLTIP_STYLE}
            />
            {series.map((s) => (
              <Bar
                key={s.id}
                dataKey={s.id}
                name={display(s.label)}
                stackId="deliveries"
                fill={s.color}
                isAnimationActive={false}
                shape={segmentShape(
                  (index) => {
                    const row = rows[index]!;
                    const count = row.counts[s.id] ?? 0;
                    return {
                      label: `${display(s.label)}, ${spanLabel(row.start, row.end, stats.bucket)}: ${deliveries(count)}`,
                      href: groupHref(s.values, spanFilter(row.start, row.end, endpoint)),
                    };
                  },
                  (href) => router.push(href),
                )}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
