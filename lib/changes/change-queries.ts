"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson, toQueryString } from "../query/fetch-json";
import { resourceKeys } from "../query/keys";
import type { ChangePage } from "./find-changes";

export function getChanges(filters: Record<string, string>, signal?: AbortSignal) {
  return fetchJson<ChangePage>(`/api/changes${toQueryString(filters)}`, { signal });
}

export function useChangesInfiniteQuery(filters: Record<string, string>, enabled = true) {
  return useInfiniteQuery({
    queryKey: resourceKeys.changes(filters),
    queryFn: ({ signal, pageParam }) =>
      getChanges(pageParam ? { ...filters, cursor: pageParam } : filters, signal),
    initialPageParam: "",
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}
