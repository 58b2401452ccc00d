"use client";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { CursorPage } from "../http/cursor-page";
import { fetchJson, toQueryString } from "../query/fetch-json";
import { resourceKeys } from "../query/keys";
import type {
  NoiseFieldsBody,
  ResourceCompareBody,
  ResourceItem,
  ResourceStateBody,
  ResourceTimelineBody,
  ResourceTypeCount,
} from "./resource-types";

export function resourcePath(type: string, id: string) {
  return `/resources/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
}

export function fetchResources(filters: Record<string, string>, signal?: AbortSignal) {
  return fetchJson<CursorPage<ResourceItem>>(`/api/resources${toQueryString(filters)}`, { signal });
}

export function useResourcesInfiniteQuery(filters: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: resourceKeys.list(filters),
    queryFn: ({ signal, pageParam }) =>
      fetchResources(pageParam ? { ...filters, cursor: pageParam } : filters, signal),
    initialPageParam: "",
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function fetchResourceTypes(signal?: AbortSignal) {
  return fetchJson<{ data: ResourceTypeCount[] }>("/api/resources/types", { signal });
}

export function useResourceTypesQuery() {
  return useQuery({
    queryKey: resourceKeys.types(),
    queryFn: ({ signal }) => fetchResourceTypes(signal),
  });
}

export function fetchResourceTimeline(type: string, id: string, signal?: AbortSignal) {
  return fetchJson<ResourceTimelineBody>(`/api${resourcePath(type, id)}`, { signal });
}

export function useResourceTimelineQuery(type: string, id: string) {
  return useQuery({
    queryKey: resourceKeys.detail(type, id),
    queryFn: ({ signal }) => fetchResourceTimeline(type, id, signal),
  });
}

export function fetchResourceState(type: string, id: string, at: number, signal?: AbortSignal) {
  return fetchJson<ResourceStateBody>(`/api${resourcePath(type, id)}/state?at=${at}`, { signal });
}

export function useResourceStateQuery(type: string, id: string, at: number | null) {
  return useQuery({
    queryKey: resourceKeys.state(type, id, at),
    queryFn: ({ signal }) => fetchResourceState(type, id, at ?? 0, signal),
    enabled: at !== null,
  });
}

export function fetchResourceCompare(
  vars: { type: string; id: string; from: number; to: number },
  signal?: AbortSignal,
) {
  const query = toQueryString({ from: vars.from, to: vars.to });
  return fetchJson<ResourceCompareBody>(`/api${resourcePath(vars.type, vars.id)}/compare${query}`, {
    signal,
  });
}

export function useResourceCompareQuery({
  type,
  id,
  from,
  to,
}: {
  type: string;
  id: string;
  from: number;
  to: number;
}) {
  return useQuery({
    queryKey: resourceKeys.compare(type, id, from, to),
    queryFn: ({ signal }) => fetchResourceCompare({ type, id, from, to }, signal),
  });
}

export function fetchNoiseFields(signal?: AbortSignal) {
  return fetchJson<NoiseFieldsBody>("/api/resources/noise-fields", { signal });
}

export function useNoiseFieldsQuery() {
  return useQuery({
    queryKey: resourceKeys.noiseFields(),
    queryFn: ({ signal }) => fetchNoiseFields(signal),
  });
}

export function useSaveNoiseFieldsMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (fields: string[]) =>
      fetchJson<NoiseFieldsBody>("/api/resources/noise-fields", {
        method: "PUT",
        body: JSON.stringify({ noise_fields: fields }),
      }),
    // Every diff on every resource view marks noise with these.
    onSuccess: () => client.invalidateQueries({ queryKey: resourceKeys.all }),
  });
}
