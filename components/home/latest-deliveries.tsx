"use client";
import Link from "next/link";
import { DeliveryTable } from "@/components/events/event-table";
import { QueryState } from "@/components/ui/query-state";
import { useDeliveriesQuery } from "@/lib/query/deliveries";
import { Card } from "@/components/ui/card";

const LATEST = { limit: "10" };

export function LatestDeliveries() {
  const deliveries = useDeliveriesQuery(LATEST);
  return (
    <Card>
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-700">Latest deliveries</h2>
        <Link href="/events" className="text-sm text-indigo-700 hover:underline">
          All events →
        </Link>
      </div>
      <div className="mt-2">
        <QueryState
          query={deliveries}
          isEmpty={(data) => data.data.length === 0}
          empty={
            <>
              Nothing received yet. Point a webhook robot at the receiver URL above, or run the
              simulator:{" "}
              <code className="font-mono text-xs">
                npm run simulate -- --url &lt;receiver URL&gt;
              </code>
            </>
          }
        >
          {(data) => <DeliveryTable deliveries={data.data} />}
        </QueryState>
      </div>
    </Card>
  );
}
