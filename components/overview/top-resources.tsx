"use client";
import Link from "next/link";
import { QueryState } from "@/components/ui/query-state";
import { useTopResourcesQuery } from "@/lib/query/stats";
import type { TopResource, TopResourcesBody } from "@/lib/stats/stats-types";
import { feedHref, spanFilter } from "./feed-link";
import { deliveries } from "./time-labels";

function ResourceRows({
  filters,
  by,
  page,
}: {
  filters: Record<string, string>;
  by: "deliveries" | "failures";
  page: TopResourcesBody;
}) {
  const { since, until } = page;
  const href = (resource: TopResource) =>
    feedHref({
      ...spanFilter(Date.parse(since), Date.parse(until), filters.endpoint),
      resource_type: resource.resource_type,
      resource_id: resource.resource_id,
      ...(by === "failures" && { result: "failed" }),
    });
  return (
    <ol
      className="divide-y divide-slate-100"
      aria-label={by === "failures" ? "Top resources by failures" : "Top resources by deliveries"}
    >
      {page.data.map((resource) => {
        const count = by === "failures" ? resource.failures : resource.deliveries;
        const name = resource.resource_name ?? resource.resource_id;
        return (
          <li key={`${resource.resource_type}/${resource.resource_id}`}>
            <Link
              href={href(resource)}
              aria-label={`${resource.resource_type} ${name}: ${by === "failures" ? `${count} failed` : deliveries(count)}`}
              className="flex items-center gap-2 px-1 py-1.5 text-sm hover:bg-slate-50"
            >
              <span className="w-24 shrink-0 truncate text-xs text-slate-500">
                {resource.resource_type}
              </span>
              <span className="min-w-0 flex-1 truncate" title={resource.resource_id}>
                {name}
              </span>
              <span
                className={`font-medium tabular-nums ${by === "failures" ? "text-red-700" : ""}`}
              >
                {count}
              </span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}

function ResourceList({
  filters,
  by,
}: {
  filters: Record<string, string>;
  by: "deliveries" | "failures";
}) {
  const query = useTopResourcesQuery({ ...filters, by });
  return (
    <QueryState
      query={query}
      pending="Counting"
      isEmpty={(page) => page.data.length === 0}
      empty={
        by === "failures" ? "No failed results in this range." : "No resource events in this range."
      }
    >
      {(page) => <ResourceRows filters={filters} by={by} page={page} />}
    </QueryState>
  );
}

/**
 * The busiest resources and the most failing ones over the range; a row opens the feed
 * for that resource (and its failed results) over the same range.
 */
export function TopResources({ filters }: { filters: Record<string, string> }) {
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
      <section>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Most deliveries
        </h3>
        <ResourceList filters={filters} by="deliveries" />
      </section>
      <section>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Most failed results
        </h3>
        <ResourceList filters={filters} by="failures" />
      </section>
    </div>
  );
}
