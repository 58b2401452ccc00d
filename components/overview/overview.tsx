"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { QueryState } from "@/components/ui/query-state";
import { useEndpointsQuery } from "@/lib/query/endpoints";
import { useFailureStatsQuery, useLiveOverview, useStatsQuery } from "@/lib/query/stats";
import {
  overviewFilters,
  overviewSearchString,
  parseOverviewParams,
  type OverviewParams,
} from "@/lib/stats/overview-params";
import { FailureChart } from "./failure-chart";
import { LatestFailures } from "./latest-failures";
import { EndpointPicker, GroupPicker, RangePicker } from "./overview-controls";
import { OverviewEmpty } from "./overview-empty";
import { TopResources } from "./top-resources";
import { VolumeChart } from "./volume-chart";
import { TitledCard } from "@/components/ui/card";

/**
 * Volumes and failures over a range kept in the URL, for one endpoint or all, refreshed
 * as deliveries are pushed over SSE. Every bar, segment, total and row opens the feed
 * (or the delivery) it counts.
 */
export function Overview() {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = useMemo(
    () => parseOverviewParams(new URLSearchParams(search.toString())),
    [search],
  );
  const filters = useMemo(() => overviewFilters(params), [params]);
  const endpoints = useEndpointsQuery();
  const stats = useStatsQuery({ ...filters, group_by: params.groupBy });
  const failures = useFailureStatsQuery(filters);
  const live = useLiveOverview(params.endpoint);

  const list = useMemo(() => endpoints.data?.data ?? [], [endpoints.data]);
  const several = list.length > 1;
  const names = useMemo(
    () => new Map(list.map((endpoint) => [endpoint.id, endpoint.name])),
    [list],
  );
  const update = (next: Partial<OverviewParams>) =>
    router.push(`${pathname}${overviewSearchString({ ...params, ...next })}`, { scroll: false });
  const empty = stats.isSuccess && Object.keys(stats.data.totals).length === 0;
  const receiverUrl = (list.find((endpoint) => endpoint.id === params.endpoint) ?? list[0])
    ?.receiver_url;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <RangePicker params={params} onChange={update} />
        {several && (
          <EndpointPicker
            endpoints={list}
            value={params.endpoint}
            onChange={(endpoint) => update({ endpoint })}
          />
        )}
        <span className="ml-auto text-xs text-slate-500" data-testid="live-state">
          {live === "open" ? "● live" : live === "connecting" ? "connecting…" : "reconnecting…"}
        </span>
      </div>
      <TitledCard title="Deliveries over time" data-testid="overview-volume">
        <div className="mb-3">
          <GroupPicker
            value={params.groupBy}
            withEndpoint={several}
            onChange={(groupBy) => update({ groupBy })}
          />
        </div>
        <QueryState query={stats} pending="Counting deliveries">
          {(data) =>
            empty ? (
              <OverviewEmpty endpoint={params.endpoint} receiverUrl={receiverUrl} />
            ) : (
              <VolumeChart
                stats={data}
                endpoint={params.endpoint}
                names={params.groupBy === "endpoint" ? names : undefined}
              />
            )
          }
        </QueryState>
      </TitledCard>
      {!empty && (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <TitledCard title="Failure rate" data-testid="overview-failures">
            <QueryState query={failures} pending="Counting failures">
              {(data) => <FailureChart stats={data} endpoint={params.endpoint} />}
            </QueryState>
          </TitledCard>
          <TitledCard title="Latest failures">
            <LatestFailures filters={filters} />
          </TitledCard>
          <div className="lg:col-span-2">
            <TitledCard title="Top resources">
              <TopResources filters={filters} />
            </TitledCard>
          </div>
        </div>
      )}
    </div>
  );
}
