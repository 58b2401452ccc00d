"use client";
import Link from "next/link";
import type { EventSummary } from "@/lib/events/event-summary";
import { Badge, KindBadge, ResultBadge, SignatureBadge } from "./badges";

export function formatTime(iso: string) {
  const date = new Date(iso);
  return `${date.toLocaleDateString()} ${date.toLocaleTimeString()}`;
}

/** A compact list of deliveries; each row links to the delivery's page. */
export function EventTable({ events }: { events: EventSummary[] }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
        <tr>
          <th className="py-2 pr-3 font-medium">Received</th>
          <th className="py-2 pr-3 font-medium">Event</th>
          <th className="py-2 pr-3 font-medium">Resource</th>
          <th className="py-2 pr-3 font-medium">Result</th>
          <th className="py-2 font-medium">Signature</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr
            key={event.id}
            className="border-b border-slate-100 hover:bg-slate-50"
            data-testid="event-row"
          >
            <td className="py-2 pr-3 whitespace-nowrap text-slate-600">
              <Link href={`/events/${event.id}`} className="hover:underline">
                {formatTime(event.received_at)}
              </Link>
            </td>
            <td className="py-2 pr-3">
              <Link
                href={`/events/${event.id}`}
                className="font-mono text-xs text-indigo-700 hover:underline"
              >
                {event.event_type || (event.kind === "verification" ? "validation" : "(no event)")}
              </Link>{" "}
              {event.kind !== "event" && <KindBadge kind={event.kind} />}
              {event.duplicate_of !== null && (
                <Badge color="amber" title={`Same bytes as #${event.duplicate_of}`}>
                  duplicate
                </Badge>
              )}
            </td>
            <td className="py-2 pr-3">
              {event.resource_type && (
                <span className="text-slate-500">{event.resource_type} </span>
              )}
              <span className="font-medium">{event.resource_name ?? ""}</span>
              {event.resource_id && event.resource_id !== event.resource_name && (
                <span className="ml-1 font-mono text-xs text-slate-400">{event.resource_id}</span>
              )}
            </td>
            <td className="py-2 pr-3">
              <ResultBadge result={event.result} />
            </td>
            <td className="py-2">
              <SignatureBadge signature={event.signature} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
