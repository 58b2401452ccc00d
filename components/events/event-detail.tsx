"use client";
import Link from "next/link";
import { DeliveryForwards } from "@/components/forwarding/event-forwards";
import { ReplayPanel } from "@/components/replay/replay-panel";
import { Badge } from "@/components/ui/badge";
import { MissingView } from "@/components/ui/missing-view";
import { QueryState } from "@/components/ui/query-state";
import { RememberedTabs, type Tab } from "@/components/ui/tabs";
import type { DeliveryDetail } from "@/lib/events/delivery-types";
import { useDeliveryQuery } from "@/lib/query/deliveries";
import { CurlSection, DetailActions } from "./detail-actions";
import {
  DecodedMessageSection,
  HeadersSection,
  PayloadSection,
  RawBodySection,
} from "./detail-sections";
import { DeliveryLead } from "./event-lead";
import { ResourceContext } from "./resource-context";

function BackLink() {
  return (
    <Link href="/events" className="text-sm text-slate-500 hover:underline">
      ← Events
    </Link>
  );
}

function DetailHeader({ delivery }: { delivery: DeliveryDetail }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <BackLink />
      <h1 className="text-xl font-semibold">Delivery #{delivery.id}</h1>
      {delivery.duplicate_of !== null && (
        <Link href={`/events/${delivery.duplicate_of}`} title="The same bytes arrived before">
          <Badge color="amber">{`duplicate of #${delivery.duplicate_of}`}</Badge>
        </Link>
      )}
      {delivery.secret_fields.length > 0 && (
        <Badge
          color="blue"
          title="Redacted before storage"
        >{`redacted: ${delivery.secret_fields.join(", ")}`}</Badge>
      )}
      <div className="sm:ml-auto">
        <DetailActions delivery={delivery} />
      </div>
    </div>
  );
}

/**
 * The raw material behind the lead, one tab each (the last one chosen is remembered).
 * Panels that show more of the delivery (forwards, ...) are one entry each here.
 */
function detailTabs(delivery: DeliveryDetail): Tab[] {
  const tabs: Array<Tab | null> = [
    delivery.message !== null
      ? { id: "message", label: "Message", content: <DecodedMessageSection delivery={delivery} /> }
      : null,
    delivery.payload !== null
      ? { id: "payload", label: "Payload", content: <PayloadSection payload={delivery.payload} /> }
      : null,
    { id: "raw", label: "Raw body", content: <RawBodySection delivery={delivery} /> },
    { id: "headers", label: "Headers", content: <HeadersSection headers={delivery.headers} /> },
    { id: "curl", label: "curl", content: <CurlSection delivery={delivery} /> },
    { id: "replays", label: "Replays", content: <ReplayPanel delivery={delivery} /> },
  ];
  return tabs.filter((tab): tab is Tab => tab !== null);
}

/**
 * The delivery view: first what the operator came for (the event in the platform's
 * terms, its warnings, the answer given, its resource's timeline), then the raw
 * material in tabs.
 */
export function DeliveryDetailSections({ delivery }: { delivery: DeliveryDetail }) {
  const hasResource = delivery.kind === "event" && delivery.resource_type && delivery.resource_id;
  return (
    <div className="space-y-4">
      <DetailHeader delivery={delivery} />
      <div
        className={
          hasResource ? "grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]" : ""
        }
      >
        <DeliveryLead delivery={delivery} />
        {hasResource && <ResourceContext delivery={delivery} />}
      </div>
      <RememberedTabs
        tabs={detailTabs(delivery)}
        storageKey="hooklens.delivery-tab"
        label="Delivery"
      />
      <DeliveryForwards deliveryId={delivery.id} />
    </div>
  );
}

export function DeliveryDetailView({ id }: { id: number }) {
  const query = useDeliveryQuery(id);
  return (
    <QueryState
      query={query}
      pending="Loading delivery"
      error={(error) => (
        <MissingView
          title={`Delivery #${id}`}
          error={error}
          gone={`No delivery #${id} is kept here. It may have been pruned by retention, or deleted with its endpoint.`}
          links={[
            ["/events", "Back to the event feed"],
            ["/", "Overview"],
          ]}
        />
      )}
    >
      {(delivery) => <DeliveryDetailSections delivery={delivery} />}
    </QueryState>
  );
}
