"use client";
import { ReplayRowAction } from "@/components/replay/replay-row-action";
import { TableHead } from "@/components/ui/table-head";
import type { DeliverySummary } from "@/lib/events/delivery-summary";
import { DeliveryRow } from "./delivery-row";

const COLUMNS = [
  { label: "Received", className: "pl-3" },
  "Event",
  "Resource",
  "Action",
  "Result",
  "Signature",
  { label: "Replay", hidden: true },
];

export function FeedTable({
  deliveries,
  selectedId,
  onSelect,
}: {
  deliveries: DeliverySummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  return (
    <div className="relative overflow-x-auto">
      <table
        className="w-full min-w-[44rem] text-left text-sm"
        aria-label="Deliveries"
        aria-multiselectable={false}
        role="grid"
      >
        <TableHead columns={COLUMNS} />
        <tbody>
          {deliveries.map((delivery) => (
            <DeliveryRow
              key={delivery.id}
              delivery={delivery}
              testId="feed-row"
              action
              selected={delivery.id === selectedId}
              onSelect={() => onSelect(delivery.id)}
              trailing={<ReplayRowAction deliveryId={delivery.id} />}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
