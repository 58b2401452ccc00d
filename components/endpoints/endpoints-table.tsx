"use client";
import Link from "next/link";
import { Badge } from "@/components/events/badges";
import { TableHead } from "@/components/ui/table-head";
import { Time } from "@/components/ui/time";
import { ErrorView } from "@/components/ui/state-views";
import { QueryState } from "@/components/ui/query-state";
import {
  useEndpointsQuery,
  useEndpointStatsListQuery,
  type EndpointStats,
} from "@/lib/query/endpoints";
import { useLiveEndpointStats } from "@/lib/query/endpoints-live";
import { EndpointActions } from "./endpoint-actions";
import { EndpointRelease } from "./endpoint-release";
import { ReceiverUrl } from "./receiver-url";
import { Card } from "@/components/ui/card";

function When({ iso, never }: { iso: string | null | undefined; never: string }) {
  return iso ? <Time iso={iso} /> : <span className="text-slate-400">{never}</span>;
}

/** Every endpoint with its receiver URL, state and traffic, and what can be done with it. */
export function EndpointsTable() {
  const endpoints = useEndpointsQuery();
  const stats = useEndpointStatsListQuery();
  useLiveEndpointStats();
  const byId = new Map<string, EndpointStats>(
    (stats.data?.data ?? []).map((s) => [s.endpoint_id, s]),
  );
  return (
    <QueryState
      query={endpoints}
      pending="Loading endpoints"
      isEmpty={(page) => page.data.length === 0}
      empty={
        <>
          No endpoint yet.{" "}
          <Link href="/setup" className="text-indigo-700 hover:underline">
            Set one up
          </Link>{" "}
          to get a receiver URL for a webhook robot.
        </>
      }
    >
      {(page) => (
        <div className="space-y-2">
          {stats.isError && <ErrorView error={stats.error} />}
          <Card padded={false} className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <TableHead
                columns={[
                  { label: "Endpoint", className: "px-3" },
                  { label: "Last verification", className: "px-3" },
                  { label: "Last event", className: "px-3" },
                  { label: "Deliveries 24 h", className: "px-3" },
                  { label: "Signature failures 24 h", className: "px-3" },
                ]}
                right={["Deliveries 24 h", "Signature failures 24 h"]}
              />
              <tbody>
                {page.data.map((endpoint) => {
                  const s = byId.get(endpoint.id);
                  const pending = stats.isPending ? "…" : "never";
                  return (
                    <tr
                      key={endpoint.id}
                      data-testid="endpoint-row"
                      data-endpoint-id={endpoint.id}
                      className="border-t border-slate-100 align-top"
                    >
                      <td className="space-y-2 px-3 py-3">
                        <div className="flex items-center gap-2">
                          <span className="font-medium">{endpoint.name}</span>
                          <Badge color={endpoint.enabled ? "green" : "amber"}>
                            {endpoint.enabled ? "enabled" : "disabled"}
                          </Badge>
                          {endpoint.has_secret_key && <Badge color="blue">signed</Badge>}
                        </div>
                        <ReceiverUrl url={endpoint.receiver_url} disabled={!endpoint.enabled} />
                        <EndpointActions endpoint={endpoint} />
                        {s && <EndpointRelease summary={s} />}
                      </td>
                      <td className="px-3 py-3 whitespace-nowrap" data-testid="last-validation">
                        <When iso={s?.last_validation_at} never={pending} />
                      </td>
                      <td className="px-3 py-3 whitespace-nowrap" data-testid="last-event">
                        <When iso={s?.last_event_at} never={pending} />
                      </td>
                      <td
                        className="px-3 py-3 text-right tabular-nums"
                        data-testid="deliveries-24h"
                      >
                        {s ? s.deliveries_24h.toLocaleString() : "…"}
                      </td>
                      <td
                        className={`px-3 py-3 text-right tabular-nums ${s && s.signature_failures_24h > 0 ? "text-red-700" : ""}`}
                        data-testid="signature-failures-24h"
                      >
                        {s ? s.signature_failures_24h.toLocaleString() : "…"}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Card>
        </div>
      )}
    </QueryState>
  );
}
