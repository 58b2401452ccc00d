import Link from "next/link";
import { deliveries } from "./time-labels";

export type LegendItem = {
  id: string;
  label: string;
  total: number;
  color: string;
  href: string | null;
  title?: string;
};

/**
 * The chart's legend with each group's total over the range: readable without hovering,
 * a link to the feed for that group, and what tests read (data-testid="stats-total").
 */
export function ChartLegend({ items, label }: { items: LegendItem[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {items.map((item) => {
        const content = (
          <>
            <span
              aria-hidden
              className="inline-block size-3 rounded-sm"
              style={{ background: item.color }}
            />
            <span className="text-slate-700">{item.label}</span>
            <span className="font-medium tabular-nums" data-testid="stats-total-count">
              {item.total}
            </span>
          </>
        );
        const name = `${item.label}: ${deliveries(item.total)}`;
        return (
          <li key={item.id} data-testid="stats-total" data-key={item.label}>
            {item.href ? (
              <Link
                href={item.href}
                aria-label={name}
                title={item.title}
                className="flex items-center gap-1.5 rounded hover:bg-slate-100"
              >
                {content}
              </Link>
            ) : (
              <span
                aria-label={name}
                title={item.title ?? "no feed filter names an absent value"}
                className="flex items-center gap-1.5"
              >
                {content}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
