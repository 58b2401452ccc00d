"use client";
import Link from "next/link";
import { TitledCard } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { Time } from "@/components/ui/time";
import type { DeliveryDetail } from "@/lib/events/delivery-types";
import { useDeliveriesQuery } from "@/lib/query/deliveries";
import { ResultBadge } from "./badges";

const AROUND = "8";

/** The delivery among its resource's latest deliveries, with the way to the full timeline. */
export function ResourceContext({ delivery }: { delivery: DeliveryDetail }) {
  const type = delivery.resource_type ?? "";
  const id = delivery.resource_id ?? "";
  const latest = useDeliveriesQuery({ resource_type: type, resource_id: id, limit: AROUND });
  const timeline = `/resources/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
  return (
    <TitledCard
      title={`Timeline of ${delivery.resource_name ?? id}`}
      actions={
        <Link className="text-sm text-indigo-700 hover:underline" href={timeline}>
          Resource timeline →
        </Link>
      }
    >
      <QueryState query={latest} pending="Loading the resource's deliveries">
        {(page) => (
          <ol className="space-y-1 text-sm" data-testid="resource-context">
            {page.data.map((item) => (
              <li
                key={item.id}
                aria-current={item.id === delivery.id ? "true" : undefined}
                className={`flex flex-wrap items-center gap-2 rounded px-2 py-1 ${item.id === delivery.id ? "bg-indigo-50 font-medium" : ""}`}
              >
                <Link href={`/events/${item.id}`} className="text-slate-600 hover:underline">
                  <Time iso={item.received_at} relative />
                </Link>
                <span className="font-mono text-xs">{item.action ?? item.kind}</span>
                <ResultBadge result={item.result} />
                {item.id === delivery.id && (
                  <span className="text-xs text-slate-500">(this one)</span>
                )}
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </TitledCard>
  );
}
