import { describe, expect, it, vi } from "vitest";
import {
  ACTIVE_WINDOWS,
  HEADROOM,
  MAX_SHARE,
  MIN_SHARE,
  nextShare,
  watchReceiverPressure,
  WINDOW_MS,
} from "./receiver-pressure";

describe("nextShare", () => {
  it("gives background what the receiver left, at once, when that is less than it had", () => {
    // A steady load: the receiver took 30% of the window, the indexer 60%, 10% idle.
    expect(nextShare(0.8, { deliveries: 100, idle: 0.1, background: 0.6 })).toBeCloseTo(0.6);
  });

  it("holds a share that leaves the loop no idle time while the receiver keeps its part", () => {
    // The indexer takes its 0.65 and the receiver its 0.25: nobody waits, no halving.
    const share = nextShare(0.65, { deliveries: 100, idle: 0.1, background: 0.65 });
    expect(share).toBeCloseTo(0.65);
  });

  it("falls to its least under a closed-loop load, which takes whatever is given up", () => {
    let share = MAX_SHARE;
    let windows = 0;
    while (share > MIN_SHARE) {
      // Every window the receiver took all but background's share: no idle time.
      share = nextShare(share, { deliveries: 300, idle: 0, background: share });
      windows++;
    }
    expect(windows).toBeLessThanOrEqual(Math.ceil((MAX_SHARE - MIN_SHARE) / HEADROOM));
    expect(nextShare(share, { deliveries: 300, idle: 0, background: share })).toBe(MIN_SHARE);
  });

  it("does not count background time past the share as the receiver's leaving it", () => {
    // Two users each paced to the whole share took twice it: the receiver had 0.5 left.
    expect(nextShare(0.4, { deliveries: 300, idle: 0, background: 0.8 })).toBeCloseTo(0.3);
  });

  it("never goes below its least (forwarding and indexing always move)", () => {
    expect(nextShare(0.05, { deliveries: 500, idle: 0, background: 0 })).toBe(MIN_SHARE);
  });

  it("grows by steps towards what was left, never past it nor its most", () => {
    expect(nextShare(0.2, { deliveries: 100, idle: 0.5, background: 0.2 })).toBeCloseTo(0.25);
    expect(nextShare(0.2, { deliveries: 100, idle: 0.12, background: 0.2 })).toBeCloseTo(0.22);
    expect(nextShare(MAX_SHARE, { deliveries: 100, idle: 0.5, background: 0.5 })).toBe(MAX_SHARE);
  });

  it("counts the loop's idle time spent waiting for the write lock as the receiver's", () => {
    // A closed-loop load whose commits wait for the index worker's lock: the loop is idle
    // 30% of the window only because every request waits; nothing is left for background.
    const window = { deliveries: 300, idle: 0.3, background: 0.05, waited: 0.3 };
    expect(nextShare(0.3, window)).toBe(MIN_SHARE);
    expect(nextShare(0.3, { ...window, waited: 0 })).toBeCloseTo(0.25);
  });

  it("grows with no deliveries, however busy the loop (background work alone)", () => {
    expect(nextShare(0.5, { deliveries: 0, idle: 0, background: 1 })).toBeCloseTo(0.55);
  });
});

describe("watchReceiverPressure", () => {
  it("splits the share among users that worked lately, not only in the last window", () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const indexer = watchReceiverPressure();
    const sender = watchReceiverPressure();
    try {
      // No deliveries: the gauge's share stays at its most.
      expect(sender.share()).toBeCloseTo(MAX_SHARE);
      indexer.spent(5);
      expect(sender.share()).toBeCloseTo(MAX_SHARE / 2);
      // The indexer rests between steps, as paced users do: it still takes its part then.
      vi.advanceTimersByTime(WINDOW_MS * (ACTIVE_WINDOWS - 1));
      expect(sender.share()).toBeCloseTo(MAX_SHARE / 2);
      vi.advanceTimersByTime(WINDOW_MS * 2);
      expect(sender.share()).toBeCloseTo(MAX_SHARE);
    } finally {
      indexer.stop();
      sender.stop();
      vi.useRealTimers();
    }
  });
});
