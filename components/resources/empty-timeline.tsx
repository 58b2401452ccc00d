import Link from "next/link";
import type { ResourceTimelineBody } from "@/lib/resources/resource-types";
import { Card } from "@/components/ui/card";

/**
 * A resource with no trusted step: every delivery naming it failed the signature check
 * (it may be forged), or none is kept any more. Says what is known and why it is empty.
 */
export function EmptyTimeline({ timeline }: { timeline: ResourceTimelineBody }) {
  const { resource_type: type, resource_id: id, invalid_signature_count: forged } = timeline;
  const feed = `/events?resource_type=${encodeURIComponent(type)}&resource_id=${encodeURIComponent(id)}`;
  if (forged === 0) {
    return (
      <Card className="text-sm text-slate-700">
        No delivery about this {type} is kept: retention may have pruned them, or its endpoint was
        deleted.
      </Card>
    );
  }
  return (
    <div
      data-testid="unverified-resource"
      className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
    >
      <p className="font-medium">Only unverified deliveries name this {type}.</p>
      <p>
        {`${forged} ${forged === 1 ? "delivery" : "deliveries"} about ${type} ${id} came with an X-Auth-Token that does not match the endpoint's secret_key: they may be forged, so none of them is a step of the timeline, and there is nothing to compare. `}
        {timeline.resource_name !== null &&
          `The name they give, “${timeline.resource_name}”, is theirs, not the platform's word.`}
      </p>
      <Link
        href={`${feed}&signature=invalid`}
        className="inline-block text-indigo-700 hover:underline"
      >
        {`See the ${forged === 1 ? "delivery" : "deliveries"} in the event feed →`}
      </Link>
    </div>
  );
}
