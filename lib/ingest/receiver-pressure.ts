import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { subscribeDeliveries } from "../live/delivery-bus";
import { processSingleton } from "../process-singleton";

/** How often the gauge looks. */
export const WINDOW_MS = 100;
/** The share of the event loop background work may take: never none (it must finish
 *  some day: forwards queued during a day-long burst still go, ~5% of the loop), at most
 *  nine tenths (the receiver always finds the loop soon). */
export const MIN_SHARE = 0.05;
export const MAX_SHARE = 0.9;
/** Growth per window with time to spare: from the least to the most in under 2 s. */
const STEP_UP = 0.05;
/** What background work leaves the receiver beyond its measured need: room for a burst,
 *  and the rate at which a saturated receiver takes the loop back (0.1 per window, from
 *  the most to the least in under a second). */
export const HEADROOM = 0.1;
/** Below this share the receiver counts as saturated (background work takes short steps). */
const SATURATED_SHARE = 0.2;
/** A user that reported work in the last this many windows splits the share: a paced
 *  user rests up to a second between steps, and counting only the last window's users
 *  let each of several that worked in turn take the whole share (issue 15's profile:
 *  sender, indexer and keeper took 13% of a saturated loop against a 5% share). */
export const ACTIVE_WINDOWS = 20;

/** Weight of a window in the running average of idle time (~0.5 s). */
const IDLE_WEIGHT = 0.2;

/** One window, as fractions of its length: loop idle, and the part background work
 *  reported as its own; the rest was the receiver's (requests, commits, HTTP, GC).
 *  waited: the part the receiver's commits waited for the write lock (held by the payload
 *  index's worker on its own connection), idle only because the receiver could not go on. */
export type PressureWindow = {
  deliveries: number;
  idle: number;
  background: number;
  waited?: number;
};

/**
 * The next window's share: pure, so that the rule is tested on its own. Background work
 * gets what the receiver left (idle time and background's own), less HEADROOM, at once
 * when that is less than it had, growing by STEP_UP towards it otherwise. The receiver is
 * judged by the time it took, not by the loop's idle time alone: at a steady 1,000
 * deliveries/s the receiver takes a fixed part and the indexer the rest, so the loop has
 * no idle time and yet nobody waits; a closed-loop load takes every bit background gives
 * up, so the share falls by HEADROOM a window to its least.
 */
export function nextShare(share: number, window: PressureWindow): number {
  if (window.deliveries === 0) return Math.min(MAX_SHARE, share + STEP_UP);
  // Background time past the share is not the receiver leaving it: counting it would let
  // background that overran (several users, each pacing itself) raise its own share.
  // Waiting for the lock is the receiver's: a closed-loop load whose commits wait leaves
  // the loop idle, and counting that as left over would hand the lock's holder ever more.
  const idle = Math.max(0, window.idle - (window.waited ?? 0));
  const left = idle + Math.min(window.background, share) - HEADROOM;
  if (left < share) return Math.max(MIN_SHARE, left);
  return Math.min(MAX_SHARE, left, share + STEP_UP);
}

export type ReceiverPressure = {
  /** The share of the loop this user may take now: the gauge's, split among this user
   *  and the others that worked in the last ACTIVE_WINDOWS windows, so that together
   *  they keep within it. */
  share: () => number;
  /** The share of all background work together, unsplit: for what is not loop time
   *  (how many sends may wait on the network at once). */
  overall: () => number;
  /** The loop's idle time, outside waits for the write lock, over the last ~0.5 s: a
   *  receiver with some is keeping up (a closed-loop load leaves it none). */
  idle: () => number;
  /** No delivery is coming: background work may take long steps. */
  quiet: () => boolean;
  /** The receiver needs the loop: background work takes short steps. */
  saturated: () => boolean;
  /** Background work reports the loop time it just took (a step, a send's own parts). */
  spent: (ms: number) => void;
  stop: () => void;
};

type Gauge = {
  share: number;
  /** The loop's idle time outside waits for the lock, a running average over ~0.5 s. */
  idle: number;
  users: number;
  background: number;
  waited: number;
  /** Windows so far, and the window each user last reported work in. */
  windows: number;
  lastWorked: Map<object, number>;
  /** Users that reported work in the last ACTIVE_WINDOWS windows. */
  active: number;
  stop: () => void;
};

function startGauge(): Gauge {
  let committed = 0;
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  let lastAt = performance.now();
  const unsubscribe = subscribeDeliveries((items) => (committed += items.length));
  const gauge: Gauge = {
    share: MAX_SHARE,
    idle: 1,
    users: 0,
    background: 0,
    waited: 0,
    windows: 0,
    lastWorked: new Map(),
    active: 0,
    stop: () => {},
  };
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const at = performance.now();
    const { utilization } = performance.eventLoopUtilization(now, last);
    const length = Math.max(1, at - lastAt);
    const idle = Math.max(0, 1 - utilization - gauge.waited / length);
    gauge.idle += (idle - gauge.idle) * IDLE_WEIGHT;
    gauge.share = nextShare(gauge.share, {
      deliveries: committed,
      idle: 1 - utilization,
      background: Math.min(1, gauge.background / length),
      waited: Math.min(1, gauge.waited / length),
    });
    last = now;
    lastAt = at;
    committed = 0;
    gauge.background = 0;
    gauge.waited = 0;
    gauge.windows++;
    gauge.active = 0;
    for (const [user, window] of gauge.lastWorked) {
      if (gauge.windows - window <= ACTIVE_WINDOWS) gauge.active++;
      else gauge.lastWorked.delete(user);
    }
  }, WINDOW_MS);
  timer.unref();
  gauge.stop = () => {
    clearInterval(timer);
    unsubscribe();
  };
  return gauge;
}

const gaugeHolder = () =>
  processSingleton<{ gauge: Gauge | null }>("receiverPressure", () => ({ gauge: null }));

/** The receiver's commits waited this long for the write lock (lib/ingest/delivery-writer.ts). */
export function reportWriteLockWait(ms: number) {
  const gauge = gaugeHolder().gauge;
  if (gauge) gauge.waited += ms;
}

/**
 * One signal for all background work beside the receiver (the forward sender, the
 * payload search indexer): the share of the event loop it may take now. Each user
 * reports the loop time it took (`spent`); whatever else kept the loop busy is counted
 * as the receiver's need. So a closed-loop load (every connection waiting for its
 * answer), which takes whatever background gives up, keeps ~95% of the loop (issues 15
 * and 16: ingest with background work within 0.9 of ingest without), and a steady
 * 1,000 deliveries/s gives the indexer all the receiver does not use, even when that
 * leaves the loop no idle time (a CPU-starved process is read by what its receiver
 * took, not by the idle time it lacks). What waits is durable (queued rows, an index
 * watermark), so waiting loses nothing. One gauge per process, shared by its users.
 */
export function watchReceiverPressure(): ReceiverPressure {
  const holder = gaugeHolder();
  const gauge = (holder.gauge ??= startGauge());
  gauge.users++;
  let stopped = false;
  const self = {};
  return {
    share: () => gauge.share / (gauge.active + (gauge.lastWorked.has(self) ? 0 : 1)),
    overall: () => gauge.share,
    idle: () => gauge.idle,
    quiet: () => gauge.share >= MAX_SHARE,
    saturated: () => gauge.share < SATURATED_SHARE,
    spent: (ms) => {
      gauge.background += ms;
      if (!gauge.lastWorked.has(self)) gauge.active++;
      gauge.lastWorked.set(self, gauge.windows);
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      if (gauge.lastWorked.delete(self)) gauge.active--;
      if (--gauge.users > 0) return;
      gauge.stop();
      holder.gauge = null;
    },
  };
}
