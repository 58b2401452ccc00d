"use client";
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { CursorPage } from "../http/cursor-page";
import { cursorPaging, withCursor } from "../query/cursor-paging";
import { fetchJson, toQueryString } from "../query/fetch-json";
import type { QueryHookOptions } from "../query/hook-options";
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

export const resourcesQueryOptions = (filters: Record<string, string>) =>
  infiniteQueryOptions({
    queryKey: resourceKeys.list(filters),
    queryFn: ({ signal, pageParam }) => fetchResources(withCursor(filters, pageParam), signal),
    ...cursorPaging,
    placeholderData: keepPreviousData,
  });

export function useResourcesInfiniteQuery(
  filters: Record<string, string>,
  options: QueryHookOptions = {},
) {
  return useInfiniteQuery({ ...resourcesQueryOptions(filters), ...options });
}

export function fetchResourceTypes(signal?: AbortSignal) {
  return fetchJson<{ data: ResourceTypeCount[] }>("/api/resources/types", { signal });
}

export const resourceTypesQueryOptions = () =>
  queryOptions({
    queryKey: resourceKeys.types(),
    queryFn: ({ signal }) => fetchResourceTypes(signal),
  });

export function useResourceTypesQuery(options: QueryHookOptions = {}) {
  return useQuery({ ...resourceTypesQueryOptions(), ...options });
}

type ResourceRef = { type: string; id: string };

export function fetchResourceTimeline(
  { type, id, before }: ResourceRef & { before?: number },
  signal?: AbortSignal,
) {
  const query = toQueryString(before === undefined ? {} : { before });
  return fetchJson<ResourceTimelineBody>(`/api${resourcePath(type, id)}${query}`, { signal });
}

/**
 * The timeline a window at a time: the first page is the newest steps, each next page the
 * window of older ones (`next_before`); pages are newest first, steps oldest first.
 */
export const resourceTimelineQueryOptions = ({ type, id }: ResourceRef) =>
  infiniteQueryOptions({
    queryKey: resourceKeys.timeline(type, id),
    queryFn: ({ signal, pageParam }) =>
      fetchResourceTimeline({ type, id, before: pageParam ?? undefined }, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before ?? undefined,
  });

export function useResourceTimelineInfiniteQuery(
  vars: ResourceRef,
  options: QueryHookOptions = {},
) {
  return useInfiniteQuery({ ...resourceTimelineQueryOptions(vars), ...options });
}

export function fetchResourceState(
  { type, id, at }: ResourceRef & { at: number },
  signal?: AbortSignal,
) {
  return fetchJson<ResourceStateBody>(`/api${resourcePath(type, id)}/state?at=${at}`, { signal });
}

export const resourceStateQueryOptions = ({ type, id, at }: ResourceRef & { at: number }) =>
  queryOptions({
    queryKey: resourceKeys.state(type, id, at),
    queryFn: ({ signal }) => fetchResourceState({ type, id, at }, signal),
  });

/** The resource as it stood after delivery `at`; `at` null (none picked): asks nothing. */
export function useResourceStateQuery(
  { at, ...resource }: ResourceRef & { at: number | null },
  options: QueryHookOptions = {},
) {
  const enabled = at !== null && options.enabled !== false;
  return useQuery({
    ...resourceStateQueryOptions({ ...resource, at: at ?? 0 }),
    ...options,
    enabled,
  });
}

type CompareVars = ResourceRef & { from: number; to: number };

export function fetchResourceCompare(vars: CompareVars, signal?: AbortSignal) {
  const query = toQueryString({ from: vars.from, to: vars.to });
  return fetchJson<ResourceCompareBody>(`/api${resourcePath(vars.type, vars.id)}/compare${query}`, {
    signal,
  });
}

export const resourceCompareQueryOptions = ({ type, id, from, to }: CompareVars) =>
  queryOptions({
    queryKey: resourceKeys.compare(type, id, from, to),
    queryFn: ({ signal }) => fetchResourceCompare({ type, id, from, to }, signal),
  });

export function useResourceCompareQuery(vars: CompareVars, options: QueryHookOptions = {}) {
  return useQuery({ ...resourceCompareQueryOptions(vars), ...options });
}

export function fetchNoiseFields(signal?: AbortSignal) {
  return fetchJson<NoiseFieldsBody>("/api/resources/noise-fields", { signal });
}

export const noiseFieldsQueryOptions = () =>
  queryOptions({
    queryKey: resourceKeys.noiseFields(),
    queryFn: ({ signal }) => fetchNoiseFields(signal),
  });

export function useNoiseFieldsQuery(options: QueryHookOptions = {}) {
  return useQuery({ ...noiseFieldsQueryOptions(), ...options });
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
