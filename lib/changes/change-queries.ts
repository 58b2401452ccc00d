"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { CursorPage } from "../http/cursor-page";
import { fetchJson, toQueryString } from "../query/fetch-json";
import { resourceKeys } from "../query/keys";
import type { ResourceChangeItem } from "./change-types";

export function fetchChanges(filters: Record<string, string>, signal?: AbortSignal) {
  return fetchJson<CursorPage<ResourceChangeItem>>(`/api/changes${toQueryString(filters)}`, {
    signal,
  });
}

export function useChangesInfiniteQuery(filters: Record<string, string>, enabled = true) {
  return useInfiniteQuery({
    queryKey: resourceKeys.changes(filters),
    queryFn: ({ signal, pageParam }) =>
      fetchChanges(pageParam ? { ...filters, cursor: pageParam } : filters, signal),
    initialPageParam: "",
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}
