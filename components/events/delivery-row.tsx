"use client";
import Link from "next/link";
import { useEffect, useRef, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { DeliverySummary } from "@/lib/events/event-summary";
import { stripAnsi } from "@/lib/ui/strip-ansi";
import { KindBadge, ResultBadge, SignatureBadge } from "./badges";

/** What a delivery is called in a list: its event type, or what kind of message it is. */
export function deliveryLabel(event: DeliverySummary): string {
  return event.event_type || (event.kind === "verification" ? "verification" : "(no event)");
}

/** "SERVER/STATUS_CHANGED" may wrap after a slash, never inside a word. */
function slashBreaks(label: string): ReactNode[] {
  return label.split("/").flatMap((part, i) => (i === 0 ? [part] : ["/", <wbr key={i} />, part]));
}

export function isFailedDelivery(event: DeliverySummary): boolean {
  return event.result === "failed" || event.signature === "invalid" || event.kind === "unparsed";
}

export const DELIVERY_COLUMNS = ["Received", "Event", "Resource", "Result", "Signature"];

/**
 * One delivery in a list (the overview's latest and the feed). Every payload-derived
 * string is a React text node, never HTML. The feed passes its extra cells (action,
 * replay) and selection; the compact list shows the shared five.
 */
export function DeliveryRow({
  event,
  selected = false,
  onSelect,
  action,
  trailing,
  testId = "event-row",
}: {
  event: DeliverySummary;
  selected?: boolean;
  onSelect?: () => void;
  /** When given, an Action column after Resource. */
  action?: boolean;
  /** When given, a last cell (the feed's replay button). */
  trailing?: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: "nearest" });
  }, [selected]);
  const failed = isFailedDelivery(event);
  const href = `/events/${event.id}`;
  const tone = selected
    ? "bg-indigo-50 outline outline-1 -outline-offset-1 outline-indigo-300"
    : failed
      ? "bg-red-50/60 hover:bg-red-50"
      : "hover:bg-slate-50";
  const cell = "py-2 pr-3 align-top";
  return (
    <tr
      ref={ref}
      data-testid={testId}
      data-event-id={event.id}
      aria-selected={onSelect ? selected : undefined}
      onClick={onSelect}
      className={`border-b border-slate-100 ${tone}`}
    >
      <td
        className={`${cell} border-l-4 pl-2 whitespace-nowrap text-slate-600 ${failed ? "border-red-500" : "border-transparent"}`}
      >
        <Link href={href} className="hover:underline">
          <Time iso={event.received_at} relative />
        </Link>
      </td>
      <td className={cell}>
        <span className="flex flex-wrap items-center gap-1">
          <Link
            href={href}
            className="font-mono text-xs wrap-break-word text-indigo-700 hover:underline"
          >
            {slashBreaks(deliveryLabel(event))}
          </Link>
          {event.kind !== "event" && <KindBadge kind={event.kind} />}
          {event.duplicate_of !== null && (
            <Badge color="amber" title={`Same bytes as #${event.duplicate_of}`}>
              duplicate
            </Badge>
          )}
        </span>
      </td>
      <td className={cell} data-testid="feed-resource">
        {event.resource_type && <span className="text-slate-500">{event.resource_type} </span>}
        <span className="font-medium wrap-break-word">{event.resource_name ?? ""}</span>
        {event.resource_id && event.resource_id !== event.resource_name && (
          <span className="ml-1 font-mono text-xs break-all text-slate-400">
            {event.resource_id}
          </span>
        )}
        {event.kind !== "event" && event.message && (
          <span className="line-clamp-1 text-xs wrap-anywhere text-slate-500">
            {stripAnsi(event.message)}
          </span>
        )}
      </td>
      {action && <td className={`${cell} font-mono text-xs`}>{event.action ?? ""}</td>}
      <td className={cell}>
        <ResultBadge result={event.result} />
      </td>
      <td className={trailing === undefined ? "py-2 align-top" : cell}>
        <SignatureBadge signature={event.signature} />
      </td>
      {trailing !== undefined && <td className="py-2 pr-3 align-top">{trailing}</td>}
    </tr>
  );
}
