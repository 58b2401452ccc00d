"use client";
import { partialMatchKey, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import type { DeliverySummary } from "../events/delivery-summary";
import { statsApiParams } from "../stats/overview-params";
import type { DeliveryStats, FailureStats, TopResourcesBody } from "../stats/stats-types";
import { fetchJson, toQueryString } from "./fetch-json";
import type { QueryHookOptions } from "./hook-options";
import { deliveryKeys, statsKeys } from "./keys";
import { useDeliveryStream, type StreamState } from "./live";

/** Arrivals refresh the overview at most this often: each refresh runs grouped queries. */
export const LIVE_REFRESH_MS = 2_000;
export const TOP_RESOURCES_REFRESH_MS = 10_000;

type Timer = ReturnType<typeof setTimeout>;

type Filters = Record<string, string>;

const statsUrl = (path: string, filters: Filters) =>
  `/api/stats${path}${toQueryString(statsApiParams(filters, Date.now()))}`;

/** `filters` as overviewFilters() makes them, plus group_by. */
export function fetchStats(filters: Filters, signal?: AbortSignal) {
  return fetchJson<DeliveryStats>(statsUrl("", filters), { signal });
}

export const statsQueryOptions = (filters: Filters) =>
  queryOptions({
    queryKey: statsKeys.series(filters),
    queryFn: ({ signal }) => fetchStats(filters, signal),
  });

export function useStatsQuery(filters: Filters, options: QueryHookOptions = {}) {
  return useQuery({ ...statsQueryOptions(filters), ...options });
}

export function fetchFailureStats(filters: Filters, signal?: AbortSignal) {
  return fetchJson<FailureStats>(statsUrl("/failures", filters), { signal });
}

export const failureStatsQueryOptions = (filters: Filters) =>
  queryOptions({
    queryKey: statsKeys.failures(filters),
    queryFn: ({ signal }) => fetchFailureStats(filters, signal),
  });

export function useFailureStatsQuery(filters: Filters, options: QueryHookOptions = {}) {
  return useQuery({ ...failureStatsQueryOptions(filters), ...options });
}

/** `filters` plus by=deliveries|failures. */
export function fetchTopResources(filters: Filters, signal?: AbortSignal) {
  return fetchJson<TopResourcesBody>(statsUrl("/top-resources", filters), { signal });
}

export const topResourcesQueryOptions = (filters: Filters) =>
  queryOptions({
    queryKey: statsKeys.topResources(filters),
    queryFn: ({ signal }) => fetchTopResources(filters, signal),
  });

export function useTopResourcesQuery(filters: Filters, options: QueryHookOptions = {}) {
  return useQuery({ ...topResourcesQueryOptions(filters), ...options });
}

export function fetchLatestFailures(filters: Filters, signal?: AbortSignal) {
  return fetchJson<{ data: DeliverySummary[] }>(statsUrl("/latest-failures", filters), { signal });
}

export const latestFailuresQueryOptions = (filters: Filters) =>
  queryOptions({
    queryKey: statsKeys.latestFailures(filters),
    queryFn: ({ signal }) => fetchLatestFailures(filters, signal),
  });

export function useLatestFailuresQuery(filters: Filters, options: QueryHookOptions = {}) {
  return useQuery({ ...latestFailuresQueryOptions(filters), ...options });
}

/**
 * Keeps the overview current while deliveries arrive: the SSE stream (for one endpoint or
 * all) pushes each delivery, and the overview's queries are invalidated through the key
 * factory at most every LIVE_REFRESH_MS (top resources, the costliest grouping, every
 * TOP_RESOURCES_REFRESH_MS), so a burst costs one refresh, not one per delivery. Only
 * mounted event lists are refreshed; the feed is not one of them (see feedKeys).
 */
export function useLiveOverview(endpoint: string | undefined): StreamState {
  const queryClient = useQueryClient();
  const timers = useRef<{ fast: Timer | null; slow: Timer | null }>({ fast: null, slow: null });
  useEffect(() => {
    const pending = timers.current;
    return () => {
      if (pending.fast) clearTimeout(pending.fast);
      if (pending.slow) clearTimeout(pending.slow);
    };
  }, []);
  const filters = useMemo((): Filters => (endpoint ? { endpoint } : {}), [endpoint]);
  const onDelivery = () => {
    const pending = timers.current;
    pending.fast ??= setTimeout(() => {
      pending.fast = null;
      void queryClient.invalidateQueries({
        queryKey: statsKeys.all,
        predicate: (query) => !partialMatchKey(query.queryKey, statsKeys.topResourceLists()),
      });
      void queryClient.invalidateQueries({ queryKey: deliveryKeys.lists(), type: "active" });
    }, LIVE_REFRESH_MS);
    pending.slow ??= setTimeout(() => {
      pending.slow = null;
      void queryClient.invalidateQueries({ queryKey: statsKeys.topResourceLists() });
    }, TOP_RESOURCES_REFRESH_MS);
  };
  return useDeliveryStream(filters, { onDelivery });
}
