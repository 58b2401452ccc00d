"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FacetsResponse } from "../events/delivery-types";
import { feedSearchString, type FeedFilters } from "../events/feed-search-params";
import { facetsQueryOptions } from "./deliveries";

/** Arrivals are added to the count at most this often (a busy platform sends bursts). */
const FLUSH_MS = 100;
/** The facet counts are recounted at most this often while deliveries arrive (a grouped
 *  query); until then the total follows the arrivals by itself. */
const FACETS_REFRESH_MS = 5_000;

const NO_IDS: readonly number[] = [];

/**
 * What the feed's "N matching" adds to the last facet count: the ids of the matching
 * deliveries the stream pushed after that count's `through_id` (the newest delivery it
 * includes), so that a delivery is never counted twice however a recount and the stream
 * interleave. Paused or not: the count is of what matches, not of the rows shown.
 */
export function useLiveMatchCount(filters: FeedFilters) {
  const queryClient = useQueryClient();
  const key = feedSearchString(filters);
  const [counted, setCounted] = useState<{ key: string; ids: readonly number[] }>({
    key,
    ids: [],
  });
  const pending = useRef<number[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const facetsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    const facets = facetsQueryOptions(filters).queryKey;
    const arrived = pending.current.splice(0);
    const through = queryClient.getQueryData(facets)?.through_id ?? 0;
    setCounted((last) => {
      const ids = new Set(last.key === key ? last.ids : []);
      for (const id of arrived) ids.add(id);
      return { key, ids: [...ids].filter((id) => id > through) };
    });
    facetsTimer.current ??= setTimeout(() => {
      facetsTimer.current = null;
      void queryClient.invalidateQueries({ queryKey: facets });
    }, FACETS_REFRESH_MS);
  }, [queryClient, filters, key]);

  const note = useCallback(
    (id: number) => {
      pending.current.push(id);
      timer.current ??= setTimeout(() => {
        timer.current = null;
        flush();
      }, FLUSH_MS);
    },
    [flush],
  );

  // A new filter starts over: nothing pending belongs to it.
  useEffect(() => {
    pending.current = [];
    return () => {
      if (timer.current) clearTimeout(timer.current);
      if (facetsTimer.current) clearTimeout(facetsTimer.current);
      timer.current = null;
      facetsTimer.current = null;
    };
  }, [key]);

  return { note, arrivedIds: counted.key === key ? counted.ids : NO_IDS };
}

/** The feed's total: the last facet count and what arrived after it. */
export function liveTotal(facets: FacetsResponse, arrivedIds: readonly number[]): number {
  return facets.total + arrivedIds.filter((id) => id > facets.through_id).length;
}
