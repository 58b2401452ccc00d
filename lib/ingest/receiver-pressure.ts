import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { subscribeDeliveries } from "../live/delivery-bus";
import { processSingleton } from "../process-singleton";

/** How often the gauge looks. */
const WINDOW_MS = 100;
/** The share of the event loop background work may take: never none (it must finish
 *  some day), at most nine tenths (the receiver always finds the loop soon). */
export const MIN_SHARE = 0.05;
export const MAX_SHARE = 0.9;
/** Growth per window with time to spare: from the least to the most in under 2 s. */
const STEP_UP = 0.05;
/** Loop idle over a window: under TIGHT, with deliveries committed, the receiver may be
 *  waiting for background work; over SPARE there is time nobody used. */
const TIGHT = 0.05;
const SPARE = 0.2;
/** Below this share the receiver counts as saturated (the forward sender sends one job
 *  per rule at a time, rarely). */
const SATURATED_SHARE = 0.2;

/**
 * The next window's share, from the last one's deliveries and loop idle time: pure, so
 * that the rule is tested on its own. Halves when the loop had no time left while the
 * receiver was working, grows while time went unused.
 */
export function nextShare(share: number, window: { deliveries: number; idle: number }): number {
  if (window.deliveries > 0 && window.idle < TIGHT) return Math.max(MIN_SHARE, share / 2);
  if (window.idle >= SPARE || window.deliveries === 0) return Math.min(MAX_SHARE, share + STEP_UP);
  return share;
}

export type ReceiverPressure = {
  /** The share of the loop background work may take now. */
  share: () => number;
  /** The receiver needs the loop: background work takes its least share. */
  saturated: () => boolean;
  stop: () => void;
};

type Gauge = { share: number; users: number; stop: () => void };

function startGauge(): Gauge {
  let committed = 0;
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  const unsubscribe = subscribeDeliveries((items) => (committed += items.length));
  const gauge: Gauge = { share: MAX_SHARE, users: 0, stop: () => {} };
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    gauge.share = nextShare(gauge.share, { deliveries: committed, idle: 1 - utilization });
    last = now;
    committed = 0;
  }, WINDOW_MS);
  timer.unref();
  gauge.stop = () => {
    clearInterval(timer);
    unsubscribe();
  };
  return gauge;
}

/**
 * One signal for all background work beside the receiver (the forward sender, the
 * payload search indexer): the share of the event loop it may take now. A closed-loop
 * load (every connection waiting for its answer) leaves the loop no idle time whatever
 * the background takes, so any busy window with deliveries halves the share; idle time
 * that nobody used grows it again. So a saturated receiver keeps ~95% of the loop (issue
 * 15 and 16: ingest with background work within 0.9 of ingest without), and a steady
 * 1,000 deliveries/s that leaves half the loop idle gives most of that half to catching
 * up. What waits is durable (queued rows, an index watermark), so waiting loses nothing.
 * One gauge per process, shared by its users.
 */
export function watchReceiverPressure(): ReceiverPressure {
  const holder = processSingleton<{ gauge: Gauge | null }>("receiverPressure", () => ({
    gauge: null,
  }));
  const gauge = (holder.gauge ??= startGauge());
  gauge.users++;
  let stopped = false;
  return {
    share: () => gauge.share,
    saturated: () => gauge.share < SATURATED_SHARE,
    stop: () => {
      if (stopped) return;
      stopped = true;
      if (--gauge.users > 0) return;
      gauge.stop();
      holder.gauge = null;
    },
  };
}
