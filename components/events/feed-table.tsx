"use client";
import { ReplayRowAction } from "@/components/replay/replay-row-action";
import { TableHead } from "@/components/ui/table-head";
import type { DeliverySummary } from "@/lib/events/event-summary";
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
  events,
  selectedId,
  onSelect,
}: {
  events: DeliverySummary[];
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
          {events.map((event) => (
            <DeliveryRow
              key={event.id}
              event={event}
              testId="feed-row"
              action
              selected={event.id === selectedId}
              onSelect={() => onSelect(event.id)}
              trailing={<ReplayRowAction deliveryId={event.id} />}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
