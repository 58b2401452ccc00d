"use client";
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { useEffect } from "react";
import type {
  DryRunResult,
  ForwardAttemptView,
  ForwardJobView,
  ForwardRuleView,
  RuleFormInput,
} from "../forwarding/forward-types";
import type { CursorPage } from "../http/cursor-page";
import { cursorPaging } from "./cursor-paging";
import { fetchJson, toQueryString } from "./fetch-json";
import type { QueryHookOptions } from "./hook-options";
import { forwardKeys } from "./keys";

export type { ForwardRuleView, ForwardJobView, ForwardAttemptView, RuleFormInput, DryRunResult };
type RuleList = { data: ForwardRuleView[] };

const send = (method: string, body?: unknown) => ({
  method,
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

export function fetchForwardRules(signal?: AbortSignal) {
  return fetchJson<RuleList>("/api/forwards", { signal });
}

export const forwardRulesQueryOptions = () =>
  queryOptions({
    queryKey: forwardKeys.list(),
    queryFn: ({ signal }) => fetchForwardRules(signal),
  });

export function useForwardRulesQuery(options: QueryHookOptions = {}) {
  return useQuery({ ...forwardRulesQueryOptions(), ...options });
}

export function fetchForwardRule(id: number, signal?: AbortSignal) {
  return fetchJson<ForwardRuleView>(`/api/forwards/${id}`, { signal });
}

export const forwardRuleQueryOptions = (id: number) =>
  queryOptions({
    queryKey: forwardKeys.detail(id),
    queryFn: ({ signal }) => fetchForwardRule(id, signal),
  });

export function useForwardRuleQuery(id: number, options: QueryHookOptions = {}) {
  return useQuery({ ...forwardRuleQueryOptions(id), ...options });
}

/** A rule's attempts or dead letters, 50 a page, newest first. */
const pagedQueryOptions = <T>(kind: "attempts" | "dead", id: number) =>
  infiniteQueryOptions({
    queryKey: kind === "attempts" ? forwardKeys.attempts(id) : forwardKeys.dead(id),
    queryFn: ({ pageParam, signal }) =>
      fetchJson<CursorPage<T>>(
        `/api/forwards/${id}/${kind}${toQueryString({ cursor: pageParam, limit: 50 })}`,
        { signal },
      ),
    ...cursorPaging,
  });

export const forwardAttemptsQueryOptions = (id: number) =>
  pagedQueryOptions<ForwardAttemptView>("attempts", id);

export const deadForwardsQueryOptions = (id: number) =>
  pagedQueryOptions<ForwardJobView>("dead", id);

export function useForwardAttemptsQuery(id: number, options: QueryHookOptions = {}) {
  return useInfiniteQuery({ ...forwardAttemptsQueryOptions(id), ...options });
}

export function useDeadForwardsQuery(id: number, options: QueryHookOptions = {}) {
  return useInfiniteQuery({ ...deadForwardsQueryOptions(id), ...options });
}

export function fetchDeliveryForwards(deliveryId: number, signal?: AbortSignal) {
  return fetchJson<{ data: ForwardJobView[] }>(`/api/events/${deliveryId}/forwards`, { signal });
}

export const deliveryForwardsQueryOptions = (deliveryId: number) =>
  queryOptions({
    queryKey: forwardKeys.forDelivery(deliveryId),
    queryFn: ({ signal }) => fetchDeliveryForwards(deliveryId, signal),
  });

export function useDeliveryForwardsQuery(deliveryId: number, options: QueryHookOptions = {}) {
  return useQuery({ ...deliveryForwardsQueryOptions(deliveryId), ...options });
}

export function useDryRunMutation() {
  return useMutation({
    mutationFn: (filter: Record<string, string>) =>
      fetchJson<DryRunResult>("/api/forwards/dry-run", send("POST", { filter })),
  });
}

const refresh = (client: QueryClient) => client.invalidateQueries({ queryKey: forwardKeys.all });

export function useSaveRuleMutation(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RuleFormInput) =>
      fetchJson<ForwardRuleView>(
        id === null ? "/api/forwards" : `/api/forwards/${id}`,
        send(id === null ? "POST" : "PATCH", input),
      ),
    onSuccess: () => refresh(client),
  });
}

export type RuleAction = "pause" | "resume" | "delete" | "retry-dead";

export function useRuleActionMutation(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, jobId }: { action: RuleAction; jobId?: number }) => {
      if (action === "delete") return fetchJson(`/api/forwards/${id}`, send("DELETE"));
      if (action === "retry-dead")
        return fetchJson(
          `/api/forwards/${id}/dead/retry`,
          send("POST", jobId ? { job_id: jobId } : {}),
        );
      return fetchJson(`/api/forwards/${id}/${action}`, send("POST"));
    },
    onSuccess: () => refresh(client),
  });
}

/** Pushes the rules' counts and health from /api/forwards/stream into the cache. */
export function useForwardRulesLive() {
  const client = useQueryClient();
  useEffect(() => {
    const source = new EventSource("/api/forwards/stream");
    source.addEventListener("rules", (message) => {
      const list = JSON.parse((message as MessageEvent<string>).data) as RuleList;
      client.setQueryData(forwardRulesQueryOptions().queryKey, list);
      for (const rule of list.data) {
        const detail = forwardRuleQueryOptions(rule.id).queryKey;
        const before = client.getQueryData(detail);
        client.setQueryData(detail, rule);
        // New attempts or dead letters since the last push: refetch those lists.
        if (before && JSON.stringify(before.counts) !== JSON.stringify(rule.counts)) {
          void client.invalidateQueries({ queryKey: forwardKeys.attempts(rule.id) });
          void client.invalidateQueries({ queryKey: forwardKeys.dead(rule.id) });
        }
      }
    });
    return () => source.close();
  }, [client]);
}
