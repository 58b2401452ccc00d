"use client";
import Link from "next/link";
import { QueryState } from "@/components/ui/query-state";
import { useForwardRulesLive, useForwardRulesQuery } from "@/lib/query/forwards";
import { DownBanner, HealthBadge, RuleCounts } from "./rule-status";
import { TableHead } from "@/components/ui/table-head";

/** Every rule with live counts and health (pushed over /api/forwards/stream). */
export function RuleList() {
  const rules = useForwardRulesQuery();
  useForwardRulesLive();
  return (
    <QueryState
      query={rules}
      pending="Loading rules"
      isEmpty={(page) => page.data.length === 0}
      empty="No forwarding rules yet. A rule passes matching new deliveries on to a URL."
    >
      {(page) => (
        <div className="space-y-3">
          <DownBanner rules={page.data} />
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <TableHead columns={["Rule", "Target", "Mode", "Health", "Deliveries", "Median"]} />
              <tbody>
                {page.data.map((rule) => (
                  <tr key={rule.id} className="border-t border-slate-100" data-testid="rule-row">
                    <td className="py-2 pr-3">
                      <Link
                        href={`/forwards/${rule.id}`}
                        className="font-medium text-indigo-700 hover:underline"
                      >
                        {rule.name}
                      </Link>
                    </td>
                    <td className="max-w-xs truncate py-2 pr-3 font-mono text-xs" title={rule.url}>
                      {rule.url}
                    </td>
                    <td className="py-2 pr-3">
                      {rule.mode === "message" ? `message (${rule.chat})` : rule.mode}
                    </td>
                    <td className="py-2 pr-3">
                      <HealthBadge rule={rule} />
                    </td>
                    <td className="py-2 pr-3">
                      <RuleCounts rule={rule} />
                    </td>
                    <td className="py-2 text-xs tabular-nums">
                      {rule.median_latency_ms === null ? "–" : `${rule.median_latency_ms} ms`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </QueryState>
  );
}
