"use client";
import Link from "next/link";
import { useEffect, useRef, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { DeliverySummary } from "@/lib/events/delivery-summary";
import { stripAnsi } from "@/lib/ui/strip-ansi";
import { KindBadge, ResultBadge, SignatureBadge } from "./badges";

/** What a delivery is called in a list: its event type, or what kind of message it is. */
export function deliveryLabel(delivery: DeliverySummary): string {
  return delivery.event_type || (delivery.kind === "verification" ? "verification" : "(no event)");
}

/** "SERVER/STATUS_CHANGED" may wrap after a slash, never inside a word. */
function slashBreaks(label: string): ReactNode[] {
  return label.split("/").flatMap((part, i) => (i === 0 ? [part] : ["/", <wbr key={i} />, part]));
}

export function isFailedDelivery(delivery: DeliverySummary): boolean {
  return (
    delivery.result === "failed" || delivery.signature === "invalid" || delivery.kind === "unparsed"
  );
}

export const DELIVERY_COLUMNS = ["Received", "Event", "Resource", "Result", "Signature"];

/**
 * One delivery in a list (the overview's latest and the feed). Every payload-derived
 * string is a React text node, never HTML. The feed passes its extra cells (action,
 * replay) and selection; the compact list shows the shared five.
 */
export function DeliveryRow({
  delivery,
  selected = false,
  onSelect,
  action,
  trailing,
  testId = "event-row",
}: {
  delivery: DeliverySummary;
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
  const failed = isFailedDelivery(delivery);
  const href = `/events/${delivery.id}`;
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
      data-event-id={delivery.id}
      aria-selected={onSelect ? selected : undefined}
      onClick={onSelect}
      className={`border-b border-slate-100 ${tone}`}
    >
      <td
        className={`${cell} border-l-4 pl-2 whitespace-nowrap text-slate-600 ${failed ? "border-red-500" : "border-transparent"}`}
      >
        <Link href={href} className="hover:underline">
          <Time iso={delivery.received_at} relative />
        </Link>
      </td>
      <td className={cell}>
        <span className="flex flex-wrap items-center gap-1">
          <Link
            href={href}
            className="font-mono text-xs wrap-break-word text-indigo-700 hover:underline"
          >
            {slashBreaks(deliveryLabel(delivery))}
          </Link>
          {delivery.kind !== "event" && <KindBadge kind={delivery.kind} />}
          {delivery.duplicate_of !== null && (
            <Badge color="amber" title={`Same bytes as #${delivery.duplicate_of}`}>
              duplicate
            </Badge>
          )}
        </span>
      </td>
      <td className={cell} data-testid="feed-resource">
        {delivery.resource_type && (
          <span className="text-slate-500">{delivery.resource_type} </span>
        )}
        <span className="font-medium wrap-break-word">{delivery.resource_name ?? ""}</span>
        {delivery.resource_id && delivery.resource_id !== delivery.resource_name && (
          <span className="ml-1 font-mono text-xs break-all text-slate-400">
            {delivery.resource_id}
          </span>
        )}
        {delivery.kind !== "event" && delivery.message && (
          <span className="line-clamp-1 text-xs wrap-anywhere text-slate-500">
            {stripAnsi(delivery.message)}
          </span>
        )}
      </td>
      {action && <td className={`${cell} font-mono text-xs`}>{delivery.action ?? ""}</td>}
      <td className={cell}>
        <ResultBadge result={delivery.result} />
      </td>
      <td className={trailing === undefined ? "py-2 align-top" : cell}>
        <SignatureBadge signature={delivery.signature} />
      </td>
      {trailing !== undefined && <td className="py-2 pr-3 align-top">{trailing}</td>}
    </tr>
  );
}
