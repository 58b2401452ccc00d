"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { DeliverySummary } from "../events/delivery-summary";
import { nextTicks, type Ticks } from "../setup/verification-ticks";
import { endpointKeys } from "./keys";
import { useDeliveryStream } from "./live";

/**
 * The wizard's live check: the endpoint's deliveries after `since` (caught up from there,
 * then pushed as they arrive) folded into the validation and event ticks. Each delivery
 * refreshes the endpoint's stats: the refusals with their reason, the platform's release
 * and the problems seen (the verify step sees a handful of deliveries, not a stream).
 * `since` null (not known yet): the stream stays closed.
 */
export function useEndpointVerification(vars: { endpointId: string; since: number | null }) {
  const { endpointId, since } = vars;
  const client = useQueryClient();
  const [ticks, setTicks] = useState<Ticks<DeliverySummary>>({ validation: null, event: null });
  const state = useDeliveryStream(
    { endpoint: endpointId, last_event_id: String(since ?? 0) },
    {
      onDelivery: (item) => {
        setTicks((current) => nextTicks(current, item));
        void client.invalidateQueries({ queryKey: endpointKeys.stats(endpointId) });
      },
      enabled: since !== null,
    },
  );
  return { ticks, state };
}

/**
 * Keeps the endpoints page's counters current: every pushed delivery schedules one refetch
 * of the stats within a second, so a burst of deliveries costs one request, not one each.
 */
export function useLiveEndpointStats() {
  const client = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useDeliveryStream(
    {},
    {
      onDelivery: () => {
        if (timer.current) return;
        timer.current = setTimeout(() => {
          timer.current = null;
          void client.invalidateQueries({ queryKey: endpointKeys.statsList(), exact: true });
        }, 1000);
      },
    },
  );
}
