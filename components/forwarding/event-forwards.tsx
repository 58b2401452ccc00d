"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { useDeliveryForwardsQuery } from "@/lib/query/forwards";
import { Card } from "@/components/ui/card";

const STATE_COLOR = {
  waiting: "slate",
  pending: "slate",
  sending: "blue",
  delivered: "green",
  dead: "red",
} as const;

/** On the delivery view: every rule it was queued for and how each went. */
export function DeliveryForwards({ deliveryId }: { deliveryId: number }) {
  const forwards = useDeliveryForwardsQuery(deliveryId);
  if (!forwards.data || forwards.data.data.length === 0) return null;
  return (
    <Card className="space-y-2" aria-label="Forwards">
      <h2 className="text-sm font-semibold text-slate-700">Forwarded to</h2>
      <ul className="space-y-1 text-sm" data-testid="event-forwards">
        {forwards.data.data.map((job) => (
          <li key={job.id} className="flex flex-wrap items-center gap-2">
            <Link href={`/forwards/${job.rule_id}`} className="text-indigo-700 hover:underline">
              {job.rule_name}
            </Link>
            <Badge
              color={job.last_error && job.state !== "delivered" ? "amber" : STATE_COLOR[job.state]}
            >
              {job.state}
            </Badge>
            <span className="text-xs text-slate-500">
              {`${job.attempts} attempt${job.attempts === 1 ? "" : "s"}`}
              {job.last_status !== null && ` · answered ${job.last_status}`}
              {job.last_error && job.state !== "delivered" && ` · ${job.last_error}`}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
