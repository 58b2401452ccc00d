"use client";
import Link from "next/link";
import { ReceiverUrl } from "@/components/endpoints/receiver-url";
import { QueryState } from "@/components/ui/query-state";
import { useEndpointsQuery } from "@/lib/query/endpoints";
import { Card } from "@/components/ui/card";

/** The receiver URL(s) to give the platform's webhook robot. */
export function ReceiverCard() {
  const endpoints = useEndpointsQuery();
  return (
    <QueryState query={endpoints} pending="Loading endpoints">
      {(page) => (
        <Card>
          <h2 className="text-sm font-semibold text-slate-700">Receiver URL</h2>
          <p className="mt-1 text-sm text-slate-500">
            Give this address to a Cloudpods webhook robot (
            <code>climc notify-robot-create … --address URL</code>), or let the{" "}
            <Link href="/setup" className="text-indigo-700 hover:underline">
              setup wizard
            </Link>{" "}
            walk you through it.
          </p>
          <ul className="mt-3 space-y-2">
            {page.data.map((endpoint) => (
              <li key={endpoint.id} className="flex flex-wrap items-center gap-2">
                <span className="w-24 truncate text-sm font-medium">{endpoint.name}</span>
                <ReceiverUrl url={endpoint.receiver_url} disabled={!endpoint.enabled} />
              </li>
            ))}
          </ul>
        </Card>
      )}
    </QueryState>
  );
}
