"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { QueryState } from "@/components/ui/query-state";
import { useResourcesInfiniteQuery } from "@/lib/resources/resource-queries";
import { ResourceFilters } from "./resource-filters";
import {
  parseResourceSearch,
  resourceSearchFilters,
  resourceSearchString,
  type ResourceSearch,
} from "./resource-search-params";
import { ResourceTable } from "./resource-table";
import { LoadMore } from "./load-more";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

/** The /resources page: every resource seen, filters in the URL. */
export function ResourceList() {
  const params = useSearchParams().toString();
  const search = useMemo(() => parseResourceSearch(new URLSearchParams(params)), [params]);
  const router = useRouter();
  const setSearch = (next: ResourceSearch) =>
    router.push(`/resources${resourceSearchString(next)}`, { scroll: false });
  const query = useResourcesInfiniteQuery(resourceSearchFilters(search));
  const resources = query.data?.pages.flatMap((page) => page.data) ?? [];
  const filtered = Object.keys(resourceSearchFilters(search)).some((key) => key !== "order");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Resources</h1>
        <Link href="/resources/changes" className="text-sm text-indigo-700 hover:underline">
          Where did a field change? →
        </Link>
      </div>
      <ResourceFilters search={search} onChange={setSearch} />
      <Card>
        <QueryState
          query={query}
          pending="Loading resources"
          isEmpty={() => resources.length === 0}
          empty={
            filtered ? (
              <>
                No resource matches these filters.{" "}
                <Button variant="link" onClick={() => setSearch({})}>
                  Clear filters
                </Button>
              </>
            ) : (
              "No resource seen yet: resources appear here with the first event about them."
            )
          }
        >
          {() => (
            <>
              <ResourceTable resources={resources} />
              <LoadMore query={query} />
            </>
          )}
        </QueryState>
      </Card>
    </div>
  );
}
