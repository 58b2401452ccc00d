"use client";
import Link from "next/link";
import { Badge } from "@/components/events/badges";
import { TableHead } from "@/components/ui/table-head";
import { Time } from "@/components/ui/time";
import { QueryState } from "@/components/ui/query-state";
import { useBulkReplaysQuery, type BulkView } from "@/lib/query/bulk-replays";

const STATE_COLOR = { running: "blue", done: "green", cancelled: "amber", failed: "red" } as const;

export function BulkStateBadge({ state }: { state: BulkView["state"] }) {
  return <Badge color={STATE_COLOR[state]}>{state}</Badge>;
}

export function filterText(filter: Record<string, string>): string {
  const parts = Object.entries(filter).map(([name, value]) => `${name}=${value}`);
  return parts.length ? parts.join(" · ") : "every delivery";
}

/** The latest bulk replays with their progress. */
export function BulkList() {
  const bulks = useBulkReplaysQuery();
  return (
    <QueryState
      query={bulks}
      pending="Loading bulk replays"
      isEmpty={(page) => page.data.length === 0}
      empty="No bulk replay yet."
    >
      {(page) => (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <TableHead columns={["Started", "Filter", "Target", "State", "Progress"]} />
            <tbody>
              {page.data.map((bulk) => (
                <tr key={bulk.id} className="border-b border-slate-100" data-testid="bulk-row">
                  <td className="py-2 pr-3 whitespace-nowrap">
                    <Link
                      href={`/replays/bulk/${bulk.id}`}
                      className="text-indigo-700 hover:underline"
                    >
                      <Time iso={bulk.created_at} />
                    </Link>
                  </td>
                  <td className="py-2 pr-3 font-mono text-xs">{filterText(bulk.filter)}</td>
                  <td className="max-w-xs truncate py-2 pr-3 font-mono text-xs" title={bulk.url}>
                    {bulk.url}
                  </td>
                  <td className="py-2 pr-3">
                    <BulkStateBadge state={bulk.state} />
                  </td>
                  <td className="py-2 text-xs text-slate-600">{`${bulk.sent}/${bulk.total} sent · ${bulk.succeeded} ok · ${bulk.failed} failed`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
