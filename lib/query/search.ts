"use client";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { SearchFieldsResponse } from "../search/search-types";
import { fetchJson, toQueryString } from "./fetch-json";
import type { QueryHookOptions } from "./hook-options";
import { searchKeys } from "./keys";

export function fetchSearchFields(vars: { prefix: string; limit: number }, signal?: AbortSignal) {
  return fetchJson<SearchFieldsResponse>(`/api/search/fields${toQueryString(vars)}`, { signal });
}

export const searchFieldsQueryOptions = (prefix: string) =>
  queryOptions({
    queryKey: searchKeys.fields(prefix),
    queryFn: ({ signal }) => fetchSearchFields({ prefix, limit: 8 }, signal),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

/** Field names seen in this installation that start with `prefix` (null: ask nothing). */
export function useSearchFieldsQuery(prefix: string | null, options: QueryHookOptions = {}) {
  const enabled = prefix !== null && options.enabled !== false;
  return useQuery({ ...searchFieldsQueryOptions(prefix ?? ""), ...options, enabled });
}
