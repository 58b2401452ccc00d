"use client";
import { useEffect, useRef, useState } from "react";
import type { DeliverySummary } from "../events/delivery-summary";
import { toQueryString } from "./fetch-json";

export type StreamState = "connecting" | "open" | "reconnecting";

/**
 * Subscribes to /api/events/stream with a feed filter. The browser's EventSource
 * reconnects by itself and sends Last-Event-ID, so the server catches up what was
 * missed. `onDelivery` receives each delivery as it is pushed; `enabled: false` holds the
 * stream closed until what it starts from is known.
 */
export function useDeliveryStream(
  filters: Record<string, string>,
  options: { onDelivery: (item: DeliverySummary) => void; enabled?: boolean },
): StreamState {
  const { onDelivery, enabled = true } = options;
  const [state, setState] = useState<StreamState>("connecting");
  const handler = useRef(onDelivery);
  useEffect(() => {
    handler.current = onDelivery;
  });
  const query = toQueryString(filters);
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`/api/events/stream${query}`);
    source.onopen = () => setState("open");
    source.onerror = () => setState("reconnecting");
    source.addEventListener("delivery", (message) => {
      handler.current(JSON.parse((message as MessageEvent<string>).data) as DeliverySummary);
    });
    return () => source.close();
  }, [query, enabled]);
  return state;
}
