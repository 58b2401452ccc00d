"use client";
import Link from "next/link";
import { DiffList } from "@/components/diff/diff-list";
import { Badge, ResultBadge, SignatureBadge } from "@/components/events/badges";
import { Time } from "@/components/ui/time";
import type { TimelineDelivery } from "@/lib/resources/resource-types";
import { Button } from "@/components/ui/button";

function StepNote({ delivery }: { delivery: TimelineDelivery }) {
  const note = (text: string) => <p className="text-sm text-slate-600">{text}</p>;
  if (delivery.duplicate) {
    return note(
      `An exact re-send of #${delivery.compared_to}: the same bytes again, not a change.`,
    );
  }
  if (delivery.first) {
    return note(
      delivery.deletion
        ? "First seen at its deletion: no earlier snapshot to compare with."
        : "The first snapshot of this resource: nothing earlier to compare with.",
    );
  }
  if (delivery.diff === null && delivery.out_of_order) {
    return note(
      "Arrived out of order, and older than every snapshot seen: nothing to compare with.",
    );
  }
  if (delivery.diff === null) return note("This delivery carried no resource_details.");
  return null;
}

function StepBadges({ delivery }: { delivery: TimelineDelivery }) {
  return (
    <>
      {delivery.deletion && <Badge color="red">deletion</Badge>}
      {delivery.duplicate && <Badge color="amber">{`duplicate of #${delivery.compared_to}`}</Badge>}
      {delivery.out_of_order && (
        <Badge color="amber" title="Its updated_at is older than a snapshot that arrived before it">
          out of order
        </Badge>
      )}
      {delivery.unchanged && <Badge color="slate">unchanged</Badge>}
      {delivery.first && <Badge color="blue">first seen</Badge>}
    </>
  );
}

/** One delivery of a resource's timeline: what it was, and what it changed. */
export function TimelineStep({
  delivery,
  number,
  selected,
  onToggleSelect,
  onShowState,
  changesHref,
  children,
}: {
  children?: React.ReactNode;
  delivery: TimelineDelivery;
  number: number;
  selected: boolean;
  onToggleSelect: () => void;
  onShowState: () => void;
  changesHref: string;
}) {
  const failed = delivery.result === "failed";
  return (
    <li
      className={`rounded-lg border bg-white p-3 ${failed ? "border-red-300" : "border-slate-200"} ${selected ? "ring-2 ring-indigo-400" : ""}`}
      data-testid="timeline-step"
      data-event-id={delivery.id}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="w-8 text-sm font-semibold text-slate-400 tabular-nums">{`#${number}`}</span>
        <span className="font-mono text-sm font-medium">{delivery.action ?? "(no action)"}</span>
        <ResultBadge result={delivery.result} />
        {delivery.signature === "valid" && <SignatureBadge signature="valid" />}
        <StepBadges delivery={delivery} />
        <span className="text-xs text-slate-500">
          <Time iso={delivery.received_at} />
        </span>
        <span className="ml-auto flex items-center gap-3 text-xs">
          <label className="flex items-center gap-1 text-slate-600">
            <input
              type="checkbox"
              checked={selected}
              onChange={onToggleSelect}
              aria-label={`Compare step ${number}`}
            />
            compare
          </label>
          <Button variant="link" onClick={onShowState}>
            Full state
          </Button>
          <Link href={`/events/${delivery.id}`} className="text-indigo-700 hover:underline">
            {`Delivery #${delivery.id}`}
          </Link>
        </span>
      </div>
      <div className="mt-2 pl-10">
        {delivery.deletion && !delivery.first && (
          <p className="mb-1 text-sm text-red-800">
            Deleted. A delete carries only the bare database row, so the fields it lacks are not
            shown as removed; below, what the row itself says.
          </p>
        )}
        {delivery.out_of_order && delivery.diff !== null && (
          <p className="mb-1 text-sm text-amber-800">
            {`Arrived out of order: taken before a snapshot already received, so compared with #${delivery.compared_to}, the one that preceded it.`}
          </p>
        )}
        <StepNote delivery={delivery} />
        {delivery.diff !== null && !delivery.duplicate && (
          <DiffList entries={delivery.diff} changesHref={changesHref} />
        )}
        {children && <div className="mt-2">{children}</div>}
      </div>
    </li>
  );
}
