"use client";
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { CursorPage } from "../http/cursor-page";
import type { DestinationView } from "../replay/destination-view";
import type { ReplayMode, ReplayRequestInput } from "../replay/replay-input";
import type { ReplaySummary, ReplayView } from "../replay/replay-view";
import { cursorPaging, withCursor } from "./cursor-paging";
import { fetchJson, toQueryString } from "./fetch-json";
import type { QueryHookOptions } from "./hook-options";
import { replayKeys } from "./keys";

export type { DestinationView, ReplayMode, ReplayRequestInput, ReplaySummary, ReplayView };

const post = (body: unknown) => ({ method: "POST", body: JSON.stringify(body) });

export function fetchDeliveryReplays(deliveryId: number, signal?: AbortSignal) {
  return fetchJson<CursorPage<ReplayView>>(`/api/events/${deliveryId}/replays`, { signal });
}

export const deliveryReplaysQueryOptions = (deliveryId: number) =>
  queryOptions({
    queryKey: replayKeys.forDelivery(deliveryId),
    queryFn: ({ signal }) => fetchDeliveryReplays(deliveryId, signal),
  });

export function useDeliveryReplaysQuery(deliveryId: number, options: QueryHookOptions = {}) {
  return useQuery({ ...deliveryReplaysQueryOptions(deliveryId), ...options });
}

export function fetchReplays(filters: Record<string, string>, signal?: AbortSignal) {
  return fetchJson<CursorPage<ReplayView>>(`/api/replays${toQueryString(filters)}`, { signal });
}

export const replaysQueryOptions = (filters: Record<string, string>) =>
  infiniteQueryOptions({
    queryKey: replayKeys.list(filters),
    queryFn: ({ signal, pageParam }) => fetchReplays(withCursor(filters, pageParam), signal),
    ...cursorPaging,
  });

export function useReplaysInfiniteQuery(
  filters: Record<string, string>,
  options: QueryHookOptions = {},
) {
  return useInfiniteQuery({ ...replaysQueryOptions(filters), ...options });
}

export function fetchReplay(id: number, signal?: AbortSignal) {
  return fetchJson<ReplayView>(`/api/replays/${id}`, { signal });
}

export const replayQueryOptions = (id: number) =>
  queryOptions({
    queryKey: replayKeys.detail(id),
    queryFn: ({ signal }) => fetchReplay(id, signal),
  });

export function useReplayQuery(id: number, options: QueryHookOptions = {}) {
  return useQuery({ ...replayQueryOptions(id), ...options });
}

/** A new attempt shows in its delivery's history and in every list. */
function useRecordAttempt() {
  const queryClient = useQueryClient();
  return (attempt: ReplayView) => {
    queryClient.setQueryData(replayQueryOptions(attempt.id).queryKey, attempt);
    void queryClient.invalidateQueries({ queryKey: replayKeys.forDelivery(attempt.event_id) });
    void queryClient.invalidateQueries({ queryKey: replayKeys.lists() });
  };
}

export function postReplay(deliveryId: number, input: ReplayRequestInput) {
  return fetchJson<ReplayView>(`/api/events/${deliveryId}/replay`, post(input));
}

export function useSendReplayMutation(deliveryId: number) {
  const record = useRecordAttempt();
  return useMutation({
    mutationFn: (input: ReplayRequestInput) => postReplay(deliveryId, input),
    onSuccess: record,
  });
}

export function postReplayRetry(id: number) {
  return fetchJson<ReplayView>(`/api/replays/${id}/retry`, post({}));
}

export function useRetryReplayMutation() {
  const record = useRecordAttempt();
  return useMutation({ mutationFn: (id: number) => postReplayRetry(id), onSuccess: record });
}

export function fetchDestinations(signal?: AbortSignal) {
  return fetchJson<{ data: DestinationView[] }>("/api/replays/destinations", { signal });
}

export const destinationsQueryOptions = () =>
  queryOptions({
    queryKey: replayKeys.destinations(),
    queryFn: ({ signal }) => fetchDestinations(signal),
  });

export function useDestinationsQuery(options: QueryHookOptions = {}) {
  return useQuery({ ...destinationsQueryOptions(), ...options });
}

export function useSaveDestinationMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; url: string }) =>
      fetchJson<DestinationView>("/api/replays/destinations", post(input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: replayKeys.destinations() }),
  });
}

export function useDeleteDestinationMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      fetchJson<null>(`/api/replays/destinations/${id}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: replayKeys.destinations() }),
  });
}
