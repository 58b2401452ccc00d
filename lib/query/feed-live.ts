"use client";
import { hashKey, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { EventSummary } from "../events/event-summary";
import { feedSearchString, type FeedFilters } from "../events/feed-search-params";
import { filterParams } from "./events";
import { addLiveDeliveries, newestId, restoreLiveDeliveries, type FeedData } from "./feed-cache";
import { useLiveMatchCount } from "./feed-live-count";
import { eventKeys } from "./keys";
import { useDeliveryStream, type StreamState } from "./live";

/** Arrivals are written to the cache at most this often (a busy platform sends bursts). */
const FLUSH_MS = 100;
/** While paused, the newest this many are held; older ones are fetched on scroll. */
const HELD_LIMIT = 500;
/** Rows pushed lately, kept to survive a refetch that raced them. */
const RECENT_LIMIT = 500;

export type LiveFeed = {
  state: StreamState | "waiting";
  paused: boolean;
  /** Deliveries that arrived while paused. */
  arrivedWhilePaused: number;
  /** Matching deliveries pushed since the last facet count (see useLiveMatchCount). */
  arrivedIds: readonly number[];
  pause: () => void;
  resume: () => void;
};

/**
 * Keeps the feed's cached pages current from the SSE stream. The stream opens once the
 * first page is in, with ?last_event_id= its newest id, so a delivery committed
 * between the page's query and the stream's start is sent by the catch-up instead of
 * being lost; after that, the browser's reconnects resend Last-Event-ID. Paused, the
 * arrivals are held and counted, and written in on resume. `filters` must keep its
 * identity while its content does (memoize it on the URL).
 */
export function useLiveFeed(filters: FeedFilters, data: FeedData | undefined): LiveFeed {
  const queryClient = useQueryClient();
  const key = feedSearchString(filters);
  const [start, setStart] = useState<{ key: string; after: number } | null>(null);
  if (data && start?.key !== key) setStart({ key, after: newestId(data) });

  const [paused, setPaused] = useState(false);
  // Counted per filter, so that a new filter starts at zero without an effect.
  const [arrived, setArrived] = useState({ key, count: 0 });
  // Read by the stream's handler; set with the state in the handlers below, so that no
  // arrival slips between a click and the next render.
  const pausedRef = useRef(false);
  const pending = useRef<EventSummary[]>([]);
  const held = useRef<{ items: EventSummary[]; dropped: boolean }>({ items: [], dropped: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const recent = useRef<EventSummary[]>([]);
  const { note: noteArrival, arrivedIds } = useLiveMatchCount(filters);

  const write = useCallback(
    (items: EventSummary[], gap = false) => {
      if (items.length === 0) return;
      const params = filterParams(filters);
      queryClient.setQueryData<FeedData>(eventKeys.feed(params), (old) =>
        addLiveDeliveries(old, items, { gap }),
      );
      recent.current = [...recent.current, ...items].slice(-RECENT_LIMIT);
    },
    [queryClient, filters],
  );

  const onDelivery = useCallback(
    (item: EventSummary) => {
      noteArrival(item.id);
      if (pausedRef.current) {
        const box = held.current;
        box.items.push(item);
        if (box.items.length > HELD_LIMIT) {
          box.items.shift();
          box.dropped = true;
        }
        setArrived((last) => ({ key, count: (last.key === key ? last.count : 0) + 1 }));
        return;
      }
      pending.current.push(item);
      timer.current ??= setTimeout(() => {
        timer.current = null;
        write(pending.current.splice(0));
      }, FLUSH_MS);
    },
    [write, key, noteArrival],
  );

  // The feed is not refetched by itself, but another view may invalidate every event
  // list; a fetch that raced live rows would drop them, so they are put back.
  useEffect(() => {
    const queryKey = eventKeys.feed(filterParams(filters));
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "success" || event.action.manual)
        return;
      if (event.query.queryHash !== hashKey(queryKey) || recent.current.length === 0) return;
      const old = queryClient.getQueryData<FeedData>(queryKey);
      const restored = restoreLiveDeliveries(old, recent.current);
      if (restored !== old) queryClient.setQueryData<FeedData>(queryKey, restored);
    });
  }, [queryClient, filters]);

  // A new filter starts over: nothing held, pending or recent belongs to it.
  useEffect(() => {
    pending.current = [];
    recent.current = [];
    held.current = { items: [], dropped: false };
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [key]);

  const ready = start !== null && start.key === key;
  const state = useDeliveryStream(
    { ...filterParams(filters), last_event_id: String(start?.after ?? 0) },
    onDelivery,
    ready,
  );

  return {
    state: ready ? state : "waiting",
    paused,
    arrivedWhilePaused: arrived.key === key ? arrived.count : 0,
    arrivedIds,
    pause: () => {
      pausedRef.current = true;
      setPaused(true);
    },
    resume: () => {
      pausedRef.current = false;
      const box = held.current;
      held.current = { items: [], dropped: false };
      write(box.items, box.dropped);
      setArrived({ key, count: 0 });
      setPaused(false);
    },
  };
}
