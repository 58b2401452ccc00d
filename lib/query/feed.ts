"use client";
import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import type { FeedFilters } from "../events/feed-search-params";
import { cursorPaging, withCursor } from "./cursor-paging";
import { fetchDeliveries, filterParams } from "./deliveries";
import type { QueryHookOptions } from "./hook-options";
import { feedKeys } from "./keys";

/**
 * The /events feed: newest first, by cursor. The live stream keeps it current
 * (useLiveFeed writes arrivals into the first page), so it is never refetched behind
 * the stream's back: it never goes stale, and its key is out of reach of what refreshes
 * event lists (see feedKeys).
 */
export const feedQueryOptions = (filters: FeedFilters) => {
  const params = filterParams(filters);
  return infiniteQueryOptions({
    queryKey: feedKeys.list(params),
    queryFn: ({ signal, pageParam }) => fetchDeliveries(withCursor(params, pageParam), signal),
    ...cursorPaging,
    staleTime: Infinity,
    gcTime: 60_000,
  });
};

export function useFeedQuery(filters: FeedFilters, options: QueryHookOptions = {}) {
  return useInfiniteQuery({ ...feedQueryOptions(filters), ...options });
}
