"use client";
import { TableHead } from "@/components/ui/table-head";
import type { DeliverySummary } from "@/lib/events/delivery-summary";
import { DELIVERY_COLUMNS, DeliveryRow } from "./delivery-row";

/** A compact list of deliveries; each row links to the delivery's page. */
export function DeliveryTable({ deliveries }: { deliveries: DeliverySummary[] }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <TableHead columns={DELIVERY_COLUMNS} />
        <tbody>
          {deliveries.map((delivery) => (
            <DeliveryRow key={delivery.id} delivery={delivery} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
