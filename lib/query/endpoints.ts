"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type {
  EndpointDetailStats,
  EndpointInput,
  EndpointPreview,
  EndpointStats,
  PreviewRequestInput,
  PublicUrlView,
  RejectedDelivery,
  RenderedPreview,
  TestDeliveryResult,
} from "../endpoints/endpoint-types";
import type { EndpointView } from "../endpoints/endpoint-view";
import type { EventSummary } from "../events/event-summary";
import { nextTicks, type Ticks } from "../setup/verification-ticks";
import { fetchJson } from "./fetch-json";
import { endpointKeys } from "./keys";
import { useDeliveryStream } from "./live";

export type {
  EndpointDetailStats,
  EndpointInput,
  EndpointStats,
  EndpointView,
  RejectedDelivery,
  RenderedPreview,
  TestDeliveryResult,
};

export function fetchEndpoints(signal?: AbortSignal) {
  return fetchJson<{ data: EndpointView[] }>("/api/endpoints", { signal });
}

export function useEndpointsQuery() {
  return useQuery({
    queryKey: endpointKeys.list(),
    queryFn: ({ signal }) => fetchEndpoints(signal),
  });
}

export function fetchEndpoint(id: string, signal?: AbortSignal) {
  return fetchJson<EndpointView>(`/api/endpoints/${encodeURIComponent(id)}`, { signal });
}

export function useEndpointQuery(id: string | null) {
  return useQuery({
    queryKey: endpointKeys.detail(id ?? ""),
    queryFn: ({ signal }) => fetchEndpoint(id ?? "", signal),
    enabled: id !== null,
  });
}

export function fetchEndpointStatsList(signal?: AbortSignal) {
  return fetchJson<{ data: EndpointStats[] }>("/api/endpoints/stats", { signal });
}

export function useEndpointStatsListQuery() {
  return useQuery({
    queryKey: endpointKeys.statsList(),
    queryFn: ({ signal }) => fetchEndpointStatsList(signal),
  });
}

export function fetchEndpointStats(id: string, signal?: AbortSignal) {
  return fetchJson<EndpointDetailStats>(`/api/endpoints/${encodeURIComponent(id)}/stats`, {
    signal,
  });
}

export function useEndpointStatsQuery(id: string | null) {
  return useQuery({
    queryKey: endpointKeys.stats(id ?? ""),
    queryFn: ({ signal }) => fetchEndpointStats(id ?? "", signal),
    enabled: id !== null,
  });
}

export function fetchDeliveryPreview(input: PreviewRequestInput, signal?: AbortSignal) {
  return fetchJson<EndpointPreview>("/api/endpoints/preview", {
    method: "POST",
    body: JSON.stringify(input),
    signal,
  });
}

/** The preview follows the form as it is typed; the previous one stays up meanwhile. */
export function useDeliveryPreviewQuery(input: PreviewRequestInput, enabled = true) {
  return useQuery({
    queryKey: endpointKeys.preview(input),
    queryFn: ({ signal }) => fetchDeliveryPreview(input, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function fetchPublicUrl(signal?: AbortSignal) {
  return fetchJson<PublicUrlView>("/api/endpoints/public-url", { signal });
}

export function usePublicUrlQuery() {
  return useQuery({
    queryKey: endpointKeys.publicUrl(),
    queryFn: ({ signal }) => fetchPublicUrl(signal),
  });
}

/** Every mutation here changes receiver URLs, settings or counts: refresh the whole domain. */
function useEndpointMutation<TVariables, TResult>(
  mutationFn: (variables: TVariables) => Promise<TResult>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => client.invalidateQueries({ queryKey: endpointKeys.all }),
  });
}

export function useSetPublicUrlMutation() {
  return useEndpointMutation((publicUrl: string | null) =>
    fetchJson<PublicUrlView>("/api/endpoints/public-url", {
      method: "PUT",
      body: JSON.stringify({ public_url: publicUrl }),
    }),
  );
}

export function useSaveEndpointMutation() {
  return useEndpointMutation(({ id, fields }: { id: string | null; fields: EndpointInput }) =>
    id === null
      ? fetchJson<EndpointView>("/api/endpoints", { method: "POST", body: JSON.stringify(fields) })
      : fetchJson<EndpointView>(`/api/endpoints/${encodeURIComponent(id)}`, {
          method: "PATCH",
          body: JSON.stringify(fields),
        }),
  );
}

export function useSetEndpointEnabledMutation() {
  return useEndpointMutation(({ id, enabled }: { id: string; enabled: boolean }) =>
    fetchJson<EndpointView>(`/api/endpoints/${encodeURIComponent(id)}`, {
      method: "PATCH",
      body: JSON.stringify({ enabled }),
    }),
  );
}

export function useDeleteEndpointMutation() {
  return useEndpointMutation((id: string) =>
    fetchJson<{ deleted_deliveries: number }>(`/api/endpoints/${encodeURIComponent(id)}`, {
      method: "DELETE",
    }),
  );
}

export function useRotateTokenMutation() {
  return useEndpointMutation((id: string) =>
    fetchJson<EndpointView>(`/api/endpoints/${encodeURIComponent(id)}/rotate-token`, {
      method: "POST",
    }),
  );
}

export function useTestDeliveryMutation() {
  return useEndpointMutation((id: string) =>
    fetchJson<TestDeliveryResult>(`/api/endpoints/${encodeURIComponent(id)}/test-delivery`, {
      method: "POST",
    }),
  );
}

/** The newest delivery id right now: the wizard listens for what comes after it. */
export function useFetchNewestDeliveryId() {
  const client = useQueryClient();
  return async (id: string) => {
    const stats = await client.fetchQuery({
      queryKey: endpointKeys.stats(id),
      queryFn: ({ signal }) => fetchEndpointStats(id, signal),
      staleTime: 0,
    });
    return stats.newest_delivery_id;
  };
}

/**
 * The wizard's live check: the endpoint's deliveries after `since` (caught up from there,
 * then pushed as they arrive) folded into the validation and event ticks. Each delivery
 * refreshes the endpoint's stats: the refusals with their reason, the platform's release
 * and the problems seen (the verify step sees a handful of deliveries, not a stream).
 */
export function useEndpointVerification(endpointId: string, since: number | null) {
  const client = useQueryClient();
  const [ticks, setTicks] = useState<Ticks<EventSummary>>({ validation: null, event: null });
  const state = useDeliveryStream(
    { endpoint: endpointId, last_event_id: String(since ?? 0) },
    {
      onDelivery: (item) => {
        setTicks((current) => nextTicks(current, item));
        void client.invalidateQueries({ queryKey: endpointKeys.stats(endpointId) });
      },
      enabled: since !== null,
    },
  );
  return { ticks, state };
}

/**
 * Keeps the endpoints page's counters current: every pushed delivery schedules one refetch
 * of the stats within a second, so a burst of deliveries costs one request, not one each.
 */
export function useLiveEndpointStats() {
  const client = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useDeliveryStream(
    {},
    {
      onDelivery: () => {
        if (timer.current) return;
        timer.current = setTimeout(() => {
          timer.current = null;
          void client.invalidateQueries({ queryKey: endpointKeys.statsList(), exact: true });
        }, 1000);
      },
    },
  );
}
