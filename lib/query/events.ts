"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { EventDetail } from "../events/get-event";
import type { EventSummary } from "../events/event-summary";
import { fetchJson, toQueryString } from "./fetch-json";
import { eventKeys } from "./keys";

export type EventPage = { data: EventSummary[]; next_cursor: string | null };

export function getEvents(filters: Record<string, string>, signal?: AbortSignal) {
  return fetchJson<EventPage>(`/api/events${toQueryString(filters)}`, { signal });
}

export function useEventsQuery(filters: Record<string, string>) {
  return useQuery({
    queryKey: eventKeys.list(filters),
    queryFn: ({ signal }) => getEvents(filters, signal),
  });
}

export function useEventsInfiniteQuery(filters: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: eventKeys.list(filters),
    queryFn: ({ signal, pageParam }) =>
      getEvents(pageParam ? { ...filters, cursor: pageParam } : filters, signal),
    initialPageParam: "",
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function getEvent(id: number, signal?: AbortSignal) {
  return fetchJson<EventDetail>(`/api/events/${id}`, { signal });
}

export function useEventQuery(id: number) {
  return useQuery({ queryKey: eventKeys.detail(id), queryFn: ({ signal }) => getEvent(id, signal) });
}
