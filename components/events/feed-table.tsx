"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { ReplayRowAction } from "@/components/replay/replay-row-action";
import type { EventSummary } from "@/lib/events/event-summary";
import { Badge, KindBadge, ResultBadge, SignatureBadge } from "./badges";
import { formatTime } from "./event-table";

/** One feed row. Every payload-derived string is a React text node, never HTML. */
function FeedRow({
  event,
  selected,
  onSelect,
}: {
  event: EventSummary;
  selected: boolean;
  onSelect: () => void;
}) {
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: "nearest" });
  }, [selected]);
  const failed =
    event.result === "failed" || event.signature === "invalid" || event.kind === "unparsed";
  const href = `/events/${event.id}`;
  return (
    <tr
      ref={ref}
      data-testid="feed-row"
      data-event-id={event.id}
      aria-selected={selected}
      onClick={onSelect}
      className={`border-b border-slate-100 ${selected ? "bg-indigo-50 outline outline-1 -outline-offset-1 outline-indigo-300" : failed ? "bg-red-50/60 hover:bg-red-50" : "hover:bg-slate-50"}`}
    >
      <td
        className={`py-2 pr-3 pl-2 whitespace-nowrap text-slate-600 ${failed ? "border-l-4 border-red-500" : "border-l-4 border-transparent"}`}
      >
        <Link href={href} className="hover:underline">
          {formatTime(event.received_at)}
        </Link>
      </td>
      <td className="py-2 pr-3">
        <Link href={href} className="font-mono text-xs text-indigo-700 hover:underline">
          {event.event_type || (event.kind === "verification" ? "validation" : "(no event)")}
        </Link>{" "}
        {event.kind !== "event" && <KindBadge kind={event.kind} />}
      </td>
      <td className="py-2 pr-3" data-testid="feed-resource">
        {event.resource_type && <span className="text-slate-500">{event.resource_type} </span>}
        <span className="font-medium">{event.resource_name ?? ""}</span>
        {event.resource_id && event.resource_id !== event.resource_name && (
          <span className="ml-1 font-mono text-xs text-slate-400">{event.resource_id}</span>
        )}
        {event.kind !== "event" && event.message && (
          <span className="line-clamp-1 text-xs text-slate-500">{event.message}</span>
        )}
      </td>
      <td className="py-2 pr-3 font-mono text-xs">{event.action ?? ""}</td>
      <td className="py-2 pr-3">
        <ResultBadge result={event.result} />
      </td>
      <td className="py-2 pr-3">
        <SignatureBadge signature={event.signature} />
      </td>
      <td className="py-2">
        <ReplayRowAction eventId={event.id} />{" "}
        {event.duplicate_of !== null && (
          <Badge color="amber" title={`Same bytes as #${event.duplicate_of}`}>
            duplicate
          </Badge>
        )}
      </td>
    </tr>
  );
}

export function FeedTable({
  events,
  selectedId,
  onSelect,
}: {
  events: EventSummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  return (
    <table
      className="w-full text-left text-sm"
      aria-label="Deliveries"
      aria-multiselectable={false}
      role="grid"
    >
      <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
        <tr>
          <th className="py-2 pr-3 pl-3 font-medium">Received</th>
          <th className="py-2 pr-3 font-medium">Event</th>
          <th className="py-2 pr-3 font-medium">Resource</th>
          <th className="py-2 pr-3 font-medium">Action</th>
          <th className="py-2 pr-3 font-medium">Result</th>
          <th className="py-2 pr-3 font-medium">Signature</th>
          <th className="py-2 font-medium">
            <span className="sr-only">Duplicate</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <FeedRow
            key={event.id}
            event={event}
            selected={event.id === selectedId}
            onSelect={() => onSelect(event.id)}
          />
        ))}
      </tbody>
    </table>
  );
}
