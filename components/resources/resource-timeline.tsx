"use client";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { Badge } from "@/components/events/badges";
import { MissingView } from "@/components/ui/missing-view";
import { QueryState } from "@/components/ui/query-state";
import { resourceKeys } from "@/lib/query/keys";
import { useDeliveryStream } from "@/lib/query/live";
import { useResourceTimelineInfiniteQuery } from "@/lib/resources/resource-queries";
import type { ResourceTimelineBody, TimelineDelivery } from "@/lib/resources/resource-types";
import { ComparePanel } from "./compare-panel";
import { EmptyTimeline } from "./empty-timeline";
import { LoadMore } from "./load-more";
import { NoiseFieldsEditor } from "./noise-fields-editor";
import { StatePanel } from "./state-panel";
import { TimelineStep } from "./timeline-step";
import {
  parseTimelineView,
  timelineViewString,
  toggleCompare,
  type TimelineView,
} from "./timeline-view-params";

function Header({ timeline }: { timeline: ResourceTimelineBody }) {
  const { resource_type: type, resource_id: id } = timeline;
  const feed = `/events?resource_type=${encodeURIComponent(type)}&resource_id=${encodeURIComponent(id)}`;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold wrap-anywhere">
          {/* A name only unverified deliveries gave is not the page's title. */}
          {timeline.total_events === 0 ? id : (timeline.resource_name ?? id)}
        </h1>
        <Badge color="slate">{type}</Badge>
        {timeline.deleted ? (
          <Badge color="red">deleted</Badge>
        ) : (
          timeline.status && <Badge color="blue">{timeline.status}</Badge>
        )}
      </div>
      <p className="flex flex-wrap gap-x-4 text-sm text-slate-600">
        <span className="font-mono text-xs">{id}</span>
        <span>{`${timeline.total_events} ${timeline.total_events === 1 ? "delivery" : "deliveries"}`}</span>
        {timeline.invalid_signature_count > 0 && (
          <span className="text-red-700">
            {`${timeline.invalid_signature_count} with an invalid signature left out`}
          </span>
        )}
        <Link href={feed} className="text-indigo-700 hover:underline">
          In the event feed →
        </Link>
      </p>
    </div>
  );
}

/**
 * The compare and state selection, mirrored to the URL with the native history API (no
 * server round trip). Held in local state too, since a controlled checkbox must change
 * in the same render as its click; a URL changed elsewhere (back button) is followed.
 */
function useTimelineView(): [TimelineView, (next: TimelineView) => void] {
  const params = useSearchParams().toString();
  const pathname = usePathname();
  const [view, setLocal] = useState(() => parseTimelineView(new URLSearchParams(params)));
  const [seen, setSeen] = useState(params);
  if (seen !== params) {
    setSeen(params);
    setLocal(parseTimelineView(new URLSearchParams(params)));
  }
  const setView = (next: TimelineView) => {
    setLocal(next);
    window.history.replaceState(null, "", `${pathname}${timelineViewString(next)}`);
  };
  return [view, setView];
}

/**
 * The timeline query, refreshed whenever the stream pushes a delivery about the resource
 * (every window loaded is fetched again, newest first, so none is skipped or repeated).
 */
function useLiveTimeline(type: string, id: string) {
  const client = useQueryClient();
  const filter = useMemo(() => ({ resource_type: type, resource_id: id }), [type, id]);
  useDeliveryStream(filter, {
    onDelivery: () => void client.invalidateQueries({ queryKey: resourceKeys.detail(type, id) }),
  });
  return useResourceTimelineInfiniteQuery({ type, id });
}

type TimelineQuery = ReturnType<typeof useLiveTimeline>;

type StepsProps = {
  type: string;
  id: string;
  deliveries: TimelineDelivery[];
  view: TimelineView;
  setView: (next: TimelineView) => void;
  numberOf: Map<number, number>;
  label: (deliveryId: number) => string;
};

function Steps({ type, id, deliveries, view, setView, numberOf, label }: StepsProps) {
  const changesHref = `/resources/changes?resource_type=${encodeURIComponent(type)}`;
  return (
    <ol className="space-y-2" aria-label="Timeline">
      {deliveries.map((delivery) => (
        <TimelineStep
          key={delivery.id}
          delivery={delivery}
          number={numberOf.get(delivery.id)!}
          selected={view.compare.includes(delivery.id)}
          onToggleSelect={() =>
            setView({ ...view, compare: toggleCompare(view.compare, delivery.id) })
          }
          onShowState={() => setView({ ...view, at: delivery.id })}
          changesHref={changesHref}
        >
          {view.at === delivery.id && (
            <StatePanel
              type={type}
              id={id}
              at={delivery.id}
              label={label(delivery.id)}
              onClose={() => setView({ ...view, at: null })}
            />
          )}
        </TimelineStep>
      ))}
    </ol>
  );
}

/** The newest window's header, with the steps of every window loaded, oldest first. */
function joinWindows(pages: ResourceTimelineBody[]): ResourceTimelineBody {
  const newest = pages[0]!;
  const events = pages.toReversed().flatMap((page) => page.events);
  return { ...newest, events, next_before: pages.at(-1)!.next_before };
}

function TimelineSections({
  type,
  id,
  timeline,
  query,
}: {
  type: string;
  id: string;
  timeline: ResourceTimelineBody;
  query: TimelineQuery;
}) {
  const [view, setView] = useTimelineView();
  const offset = timeline.total_events - timeline.events.length;
  const numberOf = new Map(timeline.events.map((delivery, i) => [delivery.id, offset + i + 1]));
  const label = (deliveryId: number) =>
    `step #${numberOf.get(deliveryId) ?? "?"} (delivery #${deliveryId})`;
  const pair = view.compare.filter((deliveryId) => numberOf.has(deliveryId)).sort((a, b) => a - b);
  return (
    <div className="space-y-4">
      <Header timeline={timeline} />
      {offset > 0 && (
        <p className="text-sm text-slate-500">
          {`Showing the latest ${timeline.events.length} of ${timeline.total_events} steps.`}
        </p>
      )}
      {timeline.total_events === 0 ? (
        <EmptyTimeline timeline={timeline} />
      ) : pair.length === 2 ? (
        <ComparePanel
          type={type}
          id={id}
          from={{ id: pair[0]!, label: label(pair[0]!) }}
          to={{ id: pair[1]!, label: label(pair[1]!) }}
          onClose={() => setView({ ...view, compare: [] })}
        />
      ) : timeline.events.length < 2 ? null : (
        <p className="text-sm text-slate-500">
          {pair.length === 1
            ? "Tick one more step to compare the two."
            : "Tick two steps to compare them side by side."}
        </p>
      )}
      {/* Older steps go above: the timeline reads oldest first. */}
      <LoadMore query={query} label="Load older steps" />
      <Steps {...{ type, id, view, setView, numberOf, label }} deliveries={timeline.events} />
      <NoiseFieldsEditor />
    </div>
  );
}

/** /resources/{type}/{id}: the resource's life, step by step, kept live by the stream. */
export function ResourceTimelineView({ type, id }: { type: string; id: string }) {
  const query = useLiveTimeline(type, id);
  return (
    <QueryState
      query={query}
      pending="Loading the timeline"
      error={(error) => (
        <MissingView
          title={`${type} ${id}`}
          error={error}
          gone={`No ${type} with id ${id} was seen in any delivery kept here.`}
          links={[
            ["/resources", "Back to resources"],
            [`/events?resource_id=${encodeURIComponent(id)}`, "Search the feed for this id"],
          ]}
        />
      )}
    >
      {(data) => (
        <TimelineSections type={type} id={id} timeline={joinWindows(data.pages)} query={query} />
      )}
    </QueryState>
  );
}
