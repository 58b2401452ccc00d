"use client";
import Link from "next/link";
import { Time } from "@/components/ui/time";
import { QueryState } from "@/components/ui/query-state";
import { useEndpointStatsQuery, type EndpointView } from "@/lib/query/endpoints";
import { troubleshootingChecklist } from "@/lib/setup/troubleshooting";

/** The product page's checklist for "nothing arrives", and what the receiver refused and why. */
export function TroubleshootingPanel({
  endpoint,
  open,
}: {
  endpoint: EndpointView;
  open: boolean;
}) {
  const stats = useEndpointStatsQuery(endpoint.id);
  const items = troubleshootingChecklist({
    robotName: endpoint.name,
    receiverUrl: endpoint.receiver_url,
    topics: endpoint.topics,
    resourceScope: endpoint.resource_scope,
    hasSecretKey: endpoint.has_secret_key,
    useTemplate: endpoint.use_template,
  });
  return (
    <details
      open={open}
      className="rounded-lg border border-amber-200 bg-amber-50 p-4"
      data-testid="troubleshooting"
    >
      <summary className="cursor-pointer text-sm font-semibold text-amber-900">
        Nothing arriving? Check these
      </summary>
      <ol className="mt-3 list-decimal space-y-2 pl-5 text-sm">
        {items.map((item) => (
          <li key={item.id}>
            <p className="font-medium">{item.title}</p>
            <p className="text-slate-700">{item.detail}</p>
            {item.commands.map((command) => (
              <code key={command} className="mt-1 block font-mono text-xs text-slate-800">
                $ {command}
              </code>
            ))}
          </li>
        ))}
      </ol>
      <h3 className="mt-4 text-sm font-semibold text-amber-900">
        Refused by this endpoint (last 7 days)
      </h3>
      <QueryState query={stats} pending="Loading refused deliveries">
        {(data) =>
          data.recent_rejected.length === 0 ? (
            <p className="text-sm text-slate-600">
              None: every delivery that reached this receiver was accepted.
            </p>
          ) : (
            <ul className="mt-1 space-y-1 text-sm" data-testid="rejected-deliveries">
              {data.recent_rejected.map((item) => (
                <li key={item.id} className="flex flex-wrap gap-2">
                  <Link href={`/events/${item.id}`} className="text-indigo-700 hover:underline">
                    #{item.id}
                  </Link>
                  <span className="text-slate-500">
                    <Time iso={item.received_at} />
                  </span>
                  <span className="font-mono text-xs">{item.status}</span>
                  <span>{item.reason}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </details>
  );
}
