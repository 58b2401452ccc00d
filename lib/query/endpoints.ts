"use client";
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
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
import { fetchJson } from "./fetch-json";
import type { QueryHookOptions } from "./hook-options";
import { endpointKeys } from "./keys";

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

export const endpointsQueryOptions = () =>
  queryOptions({
    queryKey: endpointKeys.list(),
    queryFn: ({ signal }) => fetchEndpoints(signal),
  });

export function useEndpointsQuery(options: QueryHookOptions = {}) {
  return useQuery({ ...endpointsQueryOptions(), ...options });
}

export function fetchEndpoint(id: string, signal?: AbortSignal) {
  return fetchJson<EndpointView>(`/api/endpoints/${encodeURIComponent(id)}`, { signal });
}

export const endpointQueryOptions = (id: string) =>
  queryOptions({
    queryKey: endpointKeys.detail(id),
    queryFn: ({ signal }) => fetchEndpoint(id, signal),
  });

/** `id` null (none chosen yet): asks nothing. */
export function useEndpointQuery(id: string | null, options: QueryHookOptions = {}) {
  const enabled = id !== null && options.enabled !== false;
  return useQuery({ ...endpointQueryOptions(id ?? ""), ...options, enabled });
}

export function fetchEndpointStatsList(signal?: AbortSignal) {
  return fetchJson<{ data: EndpointStats[] }>("/api/endpoints/stats", { signal });
}

export const endpointStatsListQueryOptions = () =>
  queryOptions({
    queryKey: endpointKeys.statsList(),
    queryFn: ({ signal }) => fetchEndpointStatsList(signal),
  });

export function useEndpointStatsListQuery(options: QueryHookOptions = {}) {
  return useQuery({ ...endpointStatsListQueryOptions(), ...options });
}

export function fetchEndpointStats(id: string, signal?: AbortSignal) {
  return fetchJson<EndpointDetailStats>(`/api/endpoints/${encodeURIComponent(id)}/stats`, {
    signal,
  });
}

export const endpointStatsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: endpointKeys.stats(id),
    queryFn: ({ signal }) => fetchEndpointStats(id, signal),
  });

export function useEndpointStatsQuery(id: string, options: QueryHookOptions = {}) {
  return useQuery({ ...endpointStatsQueryOptions(id), ...options });
}

export function fetchDeliveryPreview(input: PreviewRequestInput, signal?: AbortSignal) {
  return fetchJson<EndpointPreview>("/api/endpoints/preview", {
    method: "POST",
    body: JSON.stringify(input),
    signal,
  });
}

/** The preview follows the form as it is typed; the previous one stays up meanwhile. */
export const deliveryPreviewQueryOptions = (input: PreviewRequestInput) =>
  queryOptions({
    queryKey: endpointKeys.preview(input),
    queryFn: ({ signal }) => fetchDeliveryPreview(input, signal),
    placeholderData: keepPreviousData,
  });

export function useDeliveryPreviewQuery(
  input: PreviewRequestInput,
  options: QueryHookOptions = {},
) {
  return useQuery({ ...deliveryPreviewQueryOptions(input), ...options });
}

export function fetchPublicUrl(signal?: AbortSignal) {
  return fetchJson<PublicUrlView>("/api/endpoints/public-url", { signal });
}

export const publicUrlQueryOptions = () =>
  queryOptions({
    queryKey: endpointKeys.publicUrl(),
    queryFn: ({ signal }) => fetchPublicUrl(signal),
  });

export function usePublicUrlQuery(options: QueryHookOptions = {}) {
  return useQuery({ ...publicUrlQueryOptions(), ...options });
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
    const stats = await client.fetchQuery({ ...endpointStatsQueryOptions(id), staleTime: 0 });
    return stats.newest_delivery_id;
  };
}
