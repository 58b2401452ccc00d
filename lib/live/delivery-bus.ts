import { EventEmitter } from "node:events";
import { processSingleton } from "../process-singleton";
import type { DeliverySummary } from "../events/delivery-summary";

/**
 * In-process fan-out of committed deliveries to live listeners (SSE streams). Kept on
 * globalThis because the custom server and Next's bundle load separate module copies
 * in one process.
 */
function bus(): EventEmitter {
  return processSingleton("deliveryBus", () => new EventEmitter().setMaxListeners(0));
}

/** Each listener runs on its own: one that throws is reported and the others still hear
 *  of the deliveries (EventEmitter.emit would stop at the first throw and hand the error
 *  to the writer that just committed). */
export function publishDeliveries(items: DeliverySummary[]) {
  if (items.length === 0) return;
  for (const listener of bus().listeners("deliveries")) {
    try {
      (listener as (items: DeliverySummary[]) => void)(items);
    } catch (error) {
      console.error("A live delivery listener failed:", error);
    }
  }
}

/** Whether anyone listens (PostgreSQL's listener reads announced deliveries only then). */
export function hasDeliveryListeners(): boolean {
  return bus().listenerCount("deliveries") > 0;
}

export function subscribeDeliveries(listener: (items: DeliverySummary[]) => void): () => void {
  bus().on("deliveries", listener);
  return () => bus().off("deliveries", listener);
}
