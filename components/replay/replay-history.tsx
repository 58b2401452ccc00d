"use client";
import { Empty, ErrorView, Loading } from "@/components/ui/state-views";
import { useDeliveryReplaysQuery } from "@/lib/query/replays";
import { AttemptTable } from "./attempt-table";

/** Every attempt to replay one delivery, newest first. */
export function ReplayHistory({ deliveryId }: { deliveryId: number }) {
  const history = useDeliveryReplaysQuery(deliveryId);
  if (history.isPending) return <Loading what="Loading replay history" />;
  if (history.isError) return <ErrorView error={history.error} />;
  if (history.data.data.length === 0) return <Empty>Not replayed yet.</Empty>;
  return (
    <div data-testid="replay-history">
      <AttemptTable attempts={history.data.data} showEvent={false} />
    </div>
  );
}
