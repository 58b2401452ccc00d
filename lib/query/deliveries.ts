"use client";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { DeliveryDetail, FacetsResponse } from "../events/delivery-types";
import type { ExportFormat } from "../events/export-format";
import { feedSearchString, type FeedFilters } from "../events/feed-search-params";
import type { DeliveryPage } from "./feed-cache";
import { fetchJson, toQueryString } from "./fetch-json";
import type { QueryHookOptions } from "./hook-options";
import { deliveryKeys } from "./keys";

export type { DeliveryPage } from "./feed-cache";

export function fetchDeliveries(filters: Record<string, string>, signal?: AbortSignal) {
  return fetchJson<DeliveryPage>(`/api/events${toQueryString(filters)}`, { signal });
}

export const deliveriesQueryOptions = (filters: Record<string, string>) =>
  queryOptions({
    queryKey: deliveryKeys.list(filters),
    queryFn: ({ signal }) => fetchDeliveries(filters, signal),
  });

export function useDeliveriesQuery(
  filters: Record<string, string>,
  options: QueryHookOptions = {},
) {
  return useQuery({ ...deliveriesQueryOptions(filters), ...options });
}

/** A feed filter as a plain string record (keys and fetchers want no undefined). */
export function filterParams(filters: FeedFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}

export function fetchFacets(filters: Record<string, string>, signal?: AbortSignal) {
  return fetchJson<FacetsResponse>(`/api/events/facets${toQueryString(filters)}`, { signal });
}

/** Counts for the pickers; the previous counts stay up while a new filter's load. */
export const facetsQueryOptions = (filters: FeedFilters) => {
  const params = filterParams(filters);
  return queryOptions({
    queryKey: deliveryKeys.facets(params),
    queryFn: ({ signal }) => fetchFacets(params, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
};

export function useFacetsQuery(filters: FeedFilters, options: QueryHookOptions = {}) {
  return useQuery({ ...facetsQueryOptions(filters), ...options });
}

/** Where the browser downloads an export of the feed filter (a plain link, streamed). */
export function exportUrl(filters: FeedFilters, format: ExportFormat): string {
  return `/api/events/export${feedSearchString(filters, { format })}`;
}

export function fetchDelivery(id: number, signal?: AbortSignal) {
  return fetchJson<DeliveryDetail>(`/api/events/${id}`, { signal });
}

export const deliveryQueryOptions = (id: number) =>
  queryOptions({
    queryKey: deliveryKeys.detail(id),
    queryFn: ({ signal }) => fetchDelivery(id, signal),
  });

export function useDeliveryQuery(id: number, options: QueryHookOptions = {}) {
  return useQuery({ ...deliveryQueryOptions(id), ...options });
}
