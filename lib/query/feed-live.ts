"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { DeliverySummary } from "../events/delivery-summary";
import { feedSearchString, type FeedFilters } from "../events/feed-search-params";
import { filterParams } from "./deliveries";
import { feedQueryOptions } from "./feed";
import { addLiveDeliveries, newestId, type FeedData } from "./feed-cache";
import { useLiveMatchCount } from "./feed-live-count";
import { useDeliveryStream, type StreamState } from "./live";
import { PauseBuffer } from "./pause-buffer";

/** Arrivals are written to the cache at most this often (a busy platform sends bursts). */
const FLUSH_MS = 100;
/** While paused, the newest this many are held; older ones are fetched on scroll. */
const HELD_LIMIT = 500;

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
 * being lost; after that, the browser's reconnects resend Last-Event-ID. The pages are
 * never refetched behind the stream's back (see feedKeys), so what it writes stays.
 * Paused, the arrivals are held and counted (PauseBuffer), and written in on resume.
 * `filters` must keep its identity while its content does (memoize it on the URL).
 */
export function useLiveFeed(filters: FeedFilters, data: FeedData | undefined): LiveFeed {
  const queryClient = useQueryClient();
  const key = feedSearchString(filters);
  const [start, setStart] = useState<{ key: string; after: number } | null>(null);
  if (data && start?.key !== key) setStart({ key, after: newestId(data) });

  // The buffer is what the stream's handler reads; this state mirrors it for rendering,
  // the count per filter, so that a new filter starts at zero without an effect.
  const [paused, setPaused] = useState(false);
  const [arrived, setArrived] = useState({ key, count: 0 });
  const [buffer] = useState(() => new PauseBuffer<DeliverySummary>(HELD_LIMIT));
  const pending = useRef<DeliverySummary[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { note: noteArrival, arrivedIds } = useLiveMatchCount(filters);

  const write = useCallback(
    (items: DeliverySummary[], gap = false) => {
      if (items.length === 0) return;
      queryClient.setQueryData(feedQueryOptions(filters).queryKey, (old) =>
        addLiveDeliveries(old, items, { gap }),
      );
    },
    [queryClient, filters],
  );

  const onDelivery = useCallback(
    (item: DeliverySummary) => {
      noteArrival(item.id);
      if (!buffer.offer(item)) {
        setArrived({ key, count: buffer.count });
        return;
      }
      pending.current.push(item);
      timer.current ??= setTimeout(() => {
        timer.current = null;
        write(pending.current.splice(0));
      }, FLUSH_MS);
    },
    [buffer, write, key, noteArrival],
  );

  // A new filter starts over: nothing held or pending belongs to it.
  useEffect(() => {
    pending.current = [];
    buffer.clear();
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [buffer, key]);

  const ready = start !== null && start.key === key;
  const state = useDeliveryStream(
    { ...filterParams(filters), last_event_id: String(start?.after ?? 0) },
    { onDelivery, enabled: ready },
  );

  return {
    state: ready ? state : "waiting",
    paused,
    arrivedWhilePaused: arrived.key === key ? arrived.count : 0,
    arrivedIds,
    pause: () => {
      buffer.pause();
      setPaused(true);
    },
    resume: () => {
      const released = buffer.resume();
      write(released.items, released.gap);
      setArrived({ key, count: 0 });
      setPaused(false);
    },
  };
}
