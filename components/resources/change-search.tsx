"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { DiffValue } from "@/components/diff/diff-value";
import { formatPath } from "@/components/diff/format-path";
import { Time } from "@/components/ui/time";
import { QueryState } from "@/components/ui/query-state";
import { useChangesInfiniteQuery } from "@/lib/changes/change-queries";
import type { ResourceChangeItem } from "@/lib/changes/change-types";
import { resourcePath } from "@/lib/resources/resource-queries";
import { ChangeSearchForm } from "./change-search-form";
import { changeSearchString, parseChangeSearch, type ChangeSearch } from "./change-search-params";
import { LoadMore } from "./load-more";
import { TableHead } from "@/components/ui/table-head";
import { Card } from "@/components/ui/card";

function ChangeRow({ change }: { change: ResourceChangeItem }) {
  return (
    <tr className="border-b border-slate-100" data-testid="change-row">
      <td className="py-2 pr-3 whitespace-nowrap text-slate-600">
        <Time iso={change.changed_at} />
      </td>
      <td className="min-w-[10rem] py-2 pr-3">
        <span className="text-slate-500">{change.resource_type} </span>
        <Link
          href={resourcePath(change.resource_type, change.resource_id)}
          className="font-medium text-indigo-700 hover:underline"
        >
          {change.resource_name ?? change.resource_id}
        </Link>
      </td>
      <td className="py-2 pr-3 font-mono text-xs">{formatPath(change.path)}</td>
      <td className="space-x-1 py-2 pr-3">
        {change.op !== "added" && <DiffValue value={change.before} side="before" />}
        {change.op === "changed" && <span className="text-slate-400">→</span>}
        {change.op !== "removed" && <DiffValue value={change.after} side="after" />}
      </td>
      <td className="py-2">
        <Link
          href={`/events/${change.delivery_id}`}
          className="font-mono text-xs text-indigo-700 hover:underline"
        >
          {change.action ?? `#${change.delivery_id}`}
        </Link>
      </td>
    </tr>
  );
}

/** /resources/changes: "where did this field change?", answered from resource_changes. */
export function ChangeSearchView() {
  const params = useSearchParams().toString();
  const search = useMemo(() => parseChangeSearch(new URLSearchParams(params)), [params]);
  const router = useRouter();
  const setSearch = (next: ChangeSearch) =>
    router.push(`/resources/changes${changeSearchString(next)}`);
  const query = useChangesInfiniteQuery(search);
  const changes = query.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Where did a field change?</h1>
      <ChangeSearchForm search={search} onSearch={setSearch} />
      <Card>
        <QueryState
          query={query}
          pending="Searching changes"
          isEmpty={() => changes.length === 0}
          empty="No change matches. Changes are found from the second snapshot of a resource on."
        >
          {() => (
            <>
              <div className="relative overflow-x-auto">
                <table className="w-full min-w-[48rem] text-left text-sm">
                  <TableHead columns={["When", "Resource", "Field", "Change", "Event"]} />
                  <tbody>
                    {changes.map((change) => (
                      <ChangeRow key={change.id} change={change} />
                    ))}
                  </tbody>
                </table>
              </div>
              <LoadMore query={query} />
            </>
          )}
        </QueryState>
      </Card>
    </div>
  );
}
