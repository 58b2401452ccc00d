import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { subscribeDeliveries } from "../live/delivery-bus";

/** How often the gauge looks, and what counts as a receiver that needs every core. */
const WINDOW_MS = 100;
/** Deliveries committed in one window: 500/s and more. Below it background work is welcome. */
const BUSY_DELIVERIES = 50;
/** Event-loop utilization over the window above which the loop has no time to give. */
const BUSY_UTILIZATION = 0.7;

/** The verdict over one window: pure, so that the rule is tested on its own. */
export function isSaturated(deliveries: number, utilization: number): boolean {
  return deliveries >= BUSY_DELIVERIES && utilization > BUSY_UTILIZATION;
}

export type ReceiverPressure = { saturated: () => boolean; stop: () => void };

/**
 * Tells background work (the forward sender) whether the receiver is saturated right
 * now: many deliveries committed in the last window while the event loop was nearly
 * always busy. Work that waits then takes a small share until the burst is over, so that
 * ingest keeps the machine (issue 15: ingest with rules within 0.9 of ingest without);
 * what waits is durable (queued rows), so waiting loses nothing.
 */
export function watchReceiverPressure(): ReceiverPressure {
  let committed = 0;
  let saturated = false;
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  const unsubscribe = subscribeDeliveries((items) => (committed += items.length));
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    saturated = isSaturated(committed, performance.eventLoopUtilization(now, last).utilization);
    last = now;
    committed = 0;
  }, WINDOW_MS);
  timer.unref();
  return {
    saturated: () => saturated,
    stop: () => {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
