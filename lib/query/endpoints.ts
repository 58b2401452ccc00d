"use client";
import { useQuery } from "@tanstack/react-query";
import type { EndpointView } from "../endpoints/endpoint-view";
import { fetchJson } from "./fetch-json";
import { endpointKeys } from "./keys";

export function getEndpoints(signal?: AbortSignal) {
  return fetchJson<{ data: EndpointView[] }>("/api/endpoints", { signal });
}

export function useEndpointsQuery() {
  return useQuery({ queryKey: endpointKeys.list(), queryFn: ({ signal }) => getEndpoints(signal) });
}
