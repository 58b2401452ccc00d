"use client";
import Link from "next/link";
import { ReplayPanel } from "@/components/replay/replay-panel";
import { ErrorView, Loading } from "@/components/ui/state-views";
import type { EventDetail } from "@/lib/events/get-event";
import { useEventQuery } from "@/lib/query/events";
import { Badge } from "./badges";
import { CurlSection, DetailActions } from "./detail-actions";
import {
  DecodedMessageSection,
  HeadersSection,
  PayloadSection,
  RawBodySection,
  SummarySection,
} from "./detail-sections";

function DetailHeader({ event }: { event: EventDetail }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Link href="/events" className="text-sm text-slate-500 hover:underline">
        ← Events
      </Link>
      <h1 className="text-xl font-semibold">Delivery #{event.id}</h1>
      {event.duplicate_of !== null && (
        <Link href={`/events/${event.duplicate_of}`}>
          <Badge color="amber">{`duplicate of #${event.duplicate_of}`}</Badge>
        </Link>
      )}
      {event.warnings.map((warning) => (
        <Badge key={warning} color="red">
          {warning.replace(/_/g, " ")}
        </Badge>
      ))}
      {event.secret_fields.length > 0 && (
        <Badge
          color="blue"
          title="Redacted before storage"
        >{`redacted: ${event.secret_fields.join(", ")}`}</Badge>
      )}
      {event.kind === "event" && event.resource_type && event.resource_id && (
        <Link
          className="text-sm text-indigo-700 hover:underline"
          href={`/resources/${encodeURIComponent(event.resource_type)}/${encodeURIComponent(event.resource_id)}`}
        >
          Resource timeline →
        </Link>
      )}
      <div className="ml-auto">
        <DetailActions event={event} />
      </div>
    </div>
  );
}

/**
 * The delivery view: one section per aspect of the stored request. Panels that act on
 * the delivery (replay, ...) are one line each in the list below.
 */
export function EventDetailSections({ event }: { event: EventDetail }) {
  return (
    <div className="space-y-4">
      <DetailHeader event={event} />
      <SummarySection event={event} />
      {event.parse_error && (
        <p className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          Not parsed: {event.parse_error}
        </p>
      )}
      <HeadersSection headers={event.headers} />
      <RawBodySection event={event} />
      <PayloadSection payload={event.payload} />
      <DecodedMessageSection event={event} />
      <CurlSection event={event} />
      <ReplayPanel event={event} />
    </div>
  );
}

export function EventDetailView({ id }: { id: number }) {
  const query = useEventQuery(id);
  if (query.isPending) return <Loading what="Loading delivery" />;
  if (query.isError) return <ErrorView error={query.error} />;
  return <EventDetailSections event={query.data} />;
}
