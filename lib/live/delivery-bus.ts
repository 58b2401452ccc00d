import { EventEmitter } from "node:events";
import type { EventSummary } from "../events/event-summary";

/**
 * In-process fan-out of committed deliveries to live listeners (SSE streams). Kept on
 * globalThis because the custom server and Next's bundle load separate module copies
 * in one process.
 */
const KEY = Symbol.for("hooklens.deliveryBus");
type Holder = { [KEY]?: EventEmitter };

function bus(): EventEmitter {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    holder[KEY] = new EventEmitter();
    holder[KEY].setMaxListeners(0);
  }
  return holder[KEY];
}

export function publishDeliveries(items: EventSummary[]) {
  if (items.length > 0) bus().emit("deliveries", items);
}

export function subscribeDeliveries(listener: (items: EventSummary[]) => void): () => void {
  bus().on("deliveries", listener);
  return () => bus().off("deliveries", listener);
}
