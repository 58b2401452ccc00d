"use client";
import { QueryState } from "@/components/ui/query-state";
import { useDeliveryReplaysQuery } from "@/lib/query/replays";
import { AttemptTable } from "./attempt-table";

/** Every attempt to replay one delivery, newest first. */
export function ReplayHistory({ deliveryId }: { deliveryId: number }) {
  const history = useDeliveryReplaysQuery(deliveryId);
  return (
    <QueryState
      query={history}
      pending="Loading replay history"
      isEmpty={(page) => page.data.length === 0}
      empty="Not replayed yet."
    >
      {(page) => (
        <div data-testid="replay-history">
          <AttemptTable attempts={page.data} showEvent={false} />
        </div>
      )}
    </QueryState>
  );
}
