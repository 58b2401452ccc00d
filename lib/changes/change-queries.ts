"use client";
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { CursorPage } from "../http/cursor-page";
import { cursorPaging, withCursor } from "../query/cursor-paging";
import { fetchJson, toQueryString } from "../query/fetch-json";
import type { QueryHookOptions } from "../query/hook-options";
import { resourceKeys } from "../query/keys";
import type { ResourceChangeItem } from "./change-types";

export function fetchChanges(filters: Record<string, string>, signal?: AbortSignal) {
  return fetchJson<CursorPage<ResourceChangeItem>>(`/api/changes${toQueryString(filters)}`, {
    signal,
  });
}

export const changesQueryOptions = (filters: Record<string, string>) =>
  infiniteQueryOptions({
    queryKey: resourceKeys.changes(filters),
    queryFn: ({ signal, pageParam }) => fetchChanges(withCursor(filters, pageParam), signal),
    ...cursorPaging,
    placeholderData: keepPreviousData,
  });

export function useChangesInfiniteQuery(
  filters: Record<string, string>,
  options: QueryHookOptions = {},
) {
  return useInfiniteQuery({ ...changesQueryOptions(filters), ...options });
}
