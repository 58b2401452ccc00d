"use client";
import Link from "next/link";
import { DeliveryForwards } from "@/components/forwarding/event-forwards";
import { ReplayPanel } from "@/components/replay/replay-panel";
import { Badge } from "@/components/ui/badge";
import { MissingView } from "@/components/ui/missing-view";
import { Loading } from "@/components/ui/state-views";
import { RememberedTabs, type Tab } from "@/components/ui/tabs";
import type { DeliveryDetail } from "@/lib/events/get-event";
import { useDeliveryQuery } from "@/lib/query/events";
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

function DetailHeader({ event }: { event: DeliveryDetail }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <BackLink />
      <h1 className="text-xl font-semibold">Delivery #{event.id}</h1>
      {event.duplicate_of !== null && (
        <Link href={`/events/${event.duplicate_of}`} title="The same bytes arrived before">
          <Badge color="amber">{`duplicate of #${event.duplicate_of}`}</Badge>
        </Link>
      )}
      {event.secret_fields.length > 0 && (
        <Badge
          color="blue"
          title="Redacted before storage"
        >{`redacted: ${event.secret_fields.join(", ")}`}</Badge>
      )}
      <div className="sm:ml-auto">
        <DetailActions event={event} />
      </div>
    </div>
  );
}

/**
 * The raw material behind the lead, one tab each (the last one chosen is remembered).
 * Panels that show more of the delivery (forwards, ...) are one entry each here.
 */
function detailTabs(event: DeliveryDetail): Tab[] {
  const tabs: Array<Tab | null> = [
    event.message !== null
      ? { id: "message", label: "Message", content: <DecodedMessageSection event={event} /> }
      : null,
    event.payload !== null
      ? { id: "payload", label: "Payload", content: <PayloadSection payload={event.payload} /> }
      : null,
    { id: "raw", label: "Raw body", content: <RawBodySection event={event} /> },
    { id: "headers", label: "Headers", content: <HeadersSection headers={event.headers} /> },
    { id: "curl", label: "curl", content: <CurlSection event={event} /> },
    { id: "replays", label: "Replays", content: <ReplayPanel event={event} /> },
  ];
  return tabs.filter((tab): tab is Tab => tab !== null);
}

/**
 * The delivery view: first what the operator came for (the event in the platform's
 * terms, its warnings, the answer given, its resource's timeline), then the raw
 * material in tabs.
 */
export function DeliveryDetailSections({ event }: { event: DeliveryDetail }) {
  const hasResource = event.kind === "event" && event.resource_type && event.resource_id;
  return (
    <div className="space-y-4">
      <DetailHeader event={event} />
      <div
        className={
          hasResource ? "grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]" : ""
        }
      >
        <DeliveryLead event={event} />
        {hasResource && <ResourceContext event={event} />}
      </div>
      <RememberedTabs
        tabs={detailTabs(event)}
        storageKey="hooklens.delivery-tab"
        label="Delivery"
      />
      <DeliveryForwards deliveryId={event.id} />
    </div>
  );
}

export function DeliveryDetailView({ id }: { id: number }) {
  const query = useDeliveryQuery(id);
  if (query.isPending) return <Loading what="Loading delivery" />;
  if (query.isError)
    return (
      <MissingView
        title={`Delivery #${id}`}
        error={query.error}
        gone={`No delivery #${id} is kept here. It may have been pruned by retention, or deleted with its endpoint.`}
        links={[
          ["/events", "Back to the event feed"],
          ["/", "Overview"],
        ]}
      />
    );
  return <DeliveryDetailSections event={query.data} />;
}
