"use client";
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from "@tanstack/react-query";
import { useEffect } from "react";
import type { CursorPage } from "../http/cursor-page";
import type { BulkView } from "../replay/bulk-view";
import type { BulkRequestInput } from "../replay/replay-input";
import type { ReplaySummary } from "../replay/replay-view";
import { cursorPaging } from "./cursor-paging";
import { fetchJson, toQueryString } from "./fetch-json";
import type { QueryHookOptions } from "./hook-options";
import { replayKeys } from "./keys";

export type { BulkRequestInput, BulkView };
type Results = InfiniteData<CursorPage<ReplaySummary>>;

const post = (body: unknown) => ({ method: "POST", body: JSON.stringify(body) });

export function fetchBulkReplays(signal?: AbortSignal) {
  return fetchJson<{ data: BulkView[] }>("/api/replays/bulk", { signal });
}

export const bulkReplaysQueryOptions = () =>
  queryOptions({
    queryKey: replayKeys.bulks(),
    queryFn: ({ signal }) => fetchBulkReplays(signal),
  });

export function useBulkReplaysQuery(options: QueryHookOptions = {}) {
  return useQuery({ ...bulkReplaysQueryOptions(), ...options });
}

export function fetchBulkReplay(id: number, signal?: AbortSignal) {
  return fetchJson<BulkView>(`/api/replays/bulk/${id}`, { signal });
}

export const bulkReplayQueryOptions = (id: number) =>
  queryOptions({
    queryKey: replayKeys.bulk(id),
    queryFn: ({ signal }) => fetchBulkReplay(id, signal),
  });

export function useBulkReplayQuery(id: number, options: QueryHookOptions = {}) {
  return useQuery({ ...bulkReplayQueryOptions(id), ...options });
}

export function fetchBulkResults(id: number, cursor: string, signal?: AbortSignal) {
  const query = toQueryString({ bulk_id: id, order: "asc", limit: 100, cursor });
  return fetchJson<CursorPage<ReplaySummary>>(`/api/replays${query}`, { signal });
}

export const bulkResultsQueryOptions = (id: number) =>
  infiniteQueryOptions({
    queryKey: replayKeys.bulkResults(id),
    queryFn: ({ signal, pageParam }) => fetchBulkResults(id, pageParam, signal),
    ...cursorPaging,
  });

export function useBulkResultsQuery(id: number, options: QueryHookOptions = {}) {
  return useInfiniteQuery({ ...bulkResultsQueryOptions(id), ...options });
}

/** How many deliveries a bulk replay of this feed filter would send (a dry run, no target). */
export function fetchBulkCount(filter: Record<string, string>, signal?: AbortSignal) {
  return fetchJson<{ dry_run: true; total: number }>("/api/replays/bulk", {
    ...post({ filter, dry_run: true }),
    signal,
  });
}

/** The count follows the filter as it is picked; the previous count stays up meanwhile. */
export const bulkCountQueryOptions = (filter: Record<string, string>) =>
  queryOptions({
    queryKey: replayKeys.bulkCount(filter),
    queryFn: ({ signal }) => fetchBulkCount(filter, signal),
    placeholderData: keepPreviousData,
  });

export function useBulkCountQuery(filter: Record<string, string>, options: QueryHookOptions = {}) {
  return useQuery({ ...bulkCountQueryOptions(filter), ...options });
}

export function postBulkReplay(input: BulkRequestInput) {
  return fetchJson<BulkView>("/api/replays/bulk", post({ ...input, dry_run: false }));
}

export function useStartBulkMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postBulkReplay,
    onSuccess: (bulk) => {
      queryClient.setQueryData(bulkReplayQueryOptions(bulk.id).queryKey, bulk);
      void queryClient.invalidateQueries({ queryKey: replayKeys.bulks() });
    },
  });
}

export function useCancelBulkMutation(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<BulkView>(`/api/replays/bulk/${id}/cancel`, post({})),
    onSuccess: (bulk) => {
      queryClient.setQueryData(bulkReplayQueryOptions(id).queryKey, bulk);
      void queryClient.invalidateQueries({ queryKey: replayKeys.bulkResults(id) });
    },
  });
}

/** Appends a pushed result when every earlier one is loaded (else "load more" reaches it). */
function appendResult(data: Results | undefined, result: ReplaySummary): Results | undefined {
  const last = data?.pages[data.pages.length - 1];
  if (!data || !last || last.next_cursor !== null) return data;
  if (data.pages.some((page) => page.data.some((item) => item.id === result.id))) return data;
  return {
    ...data,
    pages: [...data.pages.slice(0, -1), { ...last, data: [...last.data, result] }],
  };
}

/**
 * Pushes a running bulk replay's progress and results into the query cache over SSE.
 * Opens once the loaded results tell where to continue from (`enabled`); closes when the
 * bulk ends.
 */
export function useBulkReplayStream(id: number, options: { enabled?: boolean } = {}) {
  const { enabled = true } = options;
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const results = bulkResultsQueryOptions(id).queryKey;
    const pages = queryClient.getQueryData(results)?.pages ?? [];
    const last = pages[pages.length - 1];
    const loadedAll = last !== undefined && last.next_cursor === null;
    const after = loadedAll
      ? Math.max(0, ...pages.flatMap((page) => page.data.map((item) => item.id)))
      : null;
    const source = new EventSource(`/api/replays/bulk/${id}/stream${toQueryString({ after })}`);
    source.addEventListener("progress", (message) => {
      const bulk = JSON.parse((message as MessageEvent<string>).data) as BulkView;
      queryClient.setQueryData(bulkReplayQueryOptions(id).queryKey, bulk);
      if (bulk.state !== "running") source.close();
    });
    source.addEventListener("result", (message) => {
      const result = JSON.parse((message as MessageEvent<string>).data) as ReplaySummary;
      queryClient.setQueryData(results, (data) => appendResult(data, result));
    });
    return () => source.close();
  }, [id, enabled, queryClient]);
}
