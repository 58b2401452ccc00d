"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { EventDetail } from "../events/get-event";
import type { FacetsResponse } from "../events/count-facets";
import type { ExportFormat } from "../events/export-format";
import { feedSearchString, type FeedFilters } from "../events/feed-search-params";
import type { EventPage } from "./feed-cache";
import { fetchJson, toQueryString } from "./fetch-json";
import { eventKeys } from "./keys";

export type { EventPage } from "./feed-cache";

export function fetchDeliveries(filters: Record<string, string>, signal?: AbortSignal) {
  return fetchJson<EventPage>(`/api/events${toQueryString(filters)}`, { signal });
}

export function useEventsQuery(filters: Record<string, string>) {
  return useQuery({
    queryKey: eventKeys.list(filters),
    queryFn: ({ signal }) => fetchDeliveries(filters, signal),
  });
}

/** A feed filter as a plain string record (keys and fetchers want no undefined). */
export function filterParams(filters: FeedFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}

/**
 * The /events feed: newest first, by cursor. The live stream keeps it current
 * (useLiveFeed writes arrivals into the first page), so it is never refetched behind
 * the stream's back: a refetch in flight would overwrite rows pushed meanwhile.
 */
export function useFeedQuery(filters: FeedFilters) {
  const params = filterParams(filters);
  return useInfiniteQuery({
    queryKey: eventKeys.feed(params),
    queryFn: ({ signal, pageParam }) =>
      fetchDeliveries(pageParam ? { ...params, cursor: pageParam } : params, signal),
    initialPageParam: "",
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: Infinity,
    gcTime: 60_000,
  });
}

export function fetchFacets(filters: Record<string, string>, signal?: AbortSignal) {
  return fetchJson<FacetsResponse>(`/api/events/facets${toQueryString(filters)}`, { signal });
}

/** Counts for the pickers; the previous counts stay up while a new filter's load. */
export function useFacetsQuery(filters: FeedFilters) {
  const params = filterParams(filters);
  return useQuery({
    queryKey: eventKeys.facets(params),
    queryFn: ({ signal }) => fetchFacets(params, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

/** Where the browser downloads an export of the feed filter (a plain link, streamed). */
export function exportUrl(filters: FeedFilters, format: ExportFormat): string {
  return `/api/events/export${feedSearchString(filters, { format })}`;
}

export function fetchDelivery(id: number, signal?: AbortSignal) {
  return fetchJson<EventDetail>(`/api/events/${id}`, { signal });
}

export function useEventQuery(id: number) {
  return useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: ({ signal }) => fetchDelivery(id, signal),
  });
}
