"use client";
import Link from "next/link";
import { SignatureBadge } from "@/components/events/badges";
import { Time } from "@/components/ui/time";
import type { DeliverySummary } from "@/lib/events/delivery-summary";
import { tickState } from "@/lib/setup/verification-ticks";

const MARK = { waiting: "○", ok: "✓", rejected: "✗" } as const;
const TONE = {
  waiting: "text-slate-400",
  ok: "text-emerald-600",
  rejected: "text-red-600",
} as const;

/** One awaited delivery: waiting, arrived (with its signature state), or refused with 401. */
export function VerificationTick(props: {
  testId: string;
  title: string;
  waitingText: string;
  item: DeliverySummary | null;
}) {
  const state = tickState(props.item);
  const item = props.item;
  return (
    <li
      data-testid={props.testId}
      data-state={state}
      className="flex items-start gap-3 rounded border border-slate-200 bg-white p-3"
    >
      <span aria-hidden className={`text-xl leading-none font-bold ${TONE[state]}`}>
        {MARK[state]}
      </span>
      <div className="min-w-0 space-y-1 text-sm">
        <p className="font-medium">{props.title}</p>
        {item === null ? (
          <p className="text-slate-500">{props.waitingText}</p>
        ) : (
          <div className="flex flex-wrap items-center gap-2 text-slate-600">
            <Link href={`/events/${item.id}`} className="text-indigo-700 hover:underline">
              Delivery #{item.id}
            </Link>
            <span>
              <Time iso={item.received_at} />
            </span>
            {item.event_type && <code className="font-mono text-xs">{item.event_type}</code>}
            <SignatureBadge signature={item.signature} />
            {state === "rejected" && (
              <span className="text-red-700">answered 401: the platform counts it as failed</span>
            )}
            {item.warnings.includes("message_overwritten") && (
              <span className="text-amber-700">
                a body key replaced the message (message_overwritten)
              </span>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
