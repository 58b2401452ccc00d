"use client";
import Link from "next/link";
import { Badge, KindBadge } from "@/components/events/badges";
import { deliveryLabel } from "@/components/events/delivery-row";
import { QueryState } from "@/components/ui/query-state";
import { Time } from "@/components/ui/time";
import { useLatestFailuresQuery } from "@/lib/query/stats";
import type { DeliverySummary } from "@/lib/events/delivery-summary";
import { stripAnsi } from "@/lib/ui/strip-ansi";

function reasons(item: DeliverySummary) {
  return [
    item.result === "failed" && (
      <Badge key="failed" color="red">
        failed
      </Badge>
    ),
    item.signature === "invalid" && (
      <Badge key="signature" color="red">
        signature invalid
      </Badge>
    ),
    item.kind === "unparsed" && (
      <Badge key="unparsed" color="red">
        unparsed
      </Badge>
    ),
  ];
}

/** The newest failures in the range; a row opens that delivery. */
export function LatestFailures({ filters }: { filters: Record<string, string> }) {
  const query = useLatestFailuresQuery(filters);
  return (
    <QueryState
      query={query}
      pending="Loading failures"
      isEmpty={(page) => page.data.length === 0}
      empty="No failures in this range."
    >
      {(page) => (
        <ul className="divide-y divide-slate-100" aria-label="Latest failures">
          {page.data.map((item) => (
            <li key={item.id}>
              <Link
                href={`/events/${item.id}`}
                className="flex flex-wrap items-center gap-2 px-1 py-1.5 text-sm hover:bg-slate-50"
                data-testid="failure-row"
              >
                <span className="w-40 shrink-0 text-xs text-slate-500 tabular-nums">
                  <Time iso={item.received_at} />
                </span>
                {/* An unparsed body says so once, among the reasons. */}
                {item.kind !== "event" && item.kind !== "unparsed" && (
                  <KindBadge kind={item.kind} />
                )}
                <span className="font-mono text-xs">{deliveryLabel(item)}</span>
                <span className="min-w-32 flex-1 truncate">
                  {item.resource_name ?? item.resource_id ?? stripAnsi(item.message ?? "")}
                </span>
                {reasons(item)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}
