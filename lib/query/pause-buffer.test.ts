import { describe, expect, it } from "vitest";
import { PauseBuffer } from "./pause-buffer";

describe("PauseBuffer", () => {
  it("lets arrivals through while not paused, holding and counting nothing", () => {
    const buffer = new PauseBuffer<number>(3);
    expect(buffer.paused).toBe(false);
    expect([1, 2].map((n) => buffer.offer(n))).toEqual([true, true]);
    expect(buffer.count).toBe(0);
    expect(buffer.resume()).toEqual({ items: [], gap: false });
  });

  it("while paused holds arrivals in order and counts them; resume hands them back once", () => {
    const buffer = new PauseBuffer<number>(3);
    buffer.pause();
    expect([1, 2].map((n) => buffer.offer(n))).toEqual([false, false]);
    expect(buffer.paused).toBe(true);
    expect(buffer.count).toBe(2);
    expect(buffer.resume()).toEqual({ items: [1, 2], gap: false });
    expect(buffer.paused).toBe(false);
    expect(buffer.count).toBe(0);
    expect(buffer.offer(3)).toBe(true);
    expect(buffer.resume()).toEqual({ items: [], gap: false });
  });

  it("past the limit keeps the newest, counts every arrival and reports the gap", () => {
    const buffer = new PauseBuffer<number>(3);
    buffer.pause();
    [1, 2, 3, 4, 5].forEach((n) => buffer.offer(n));
    expect(buffer.count).toBe(5);
    expect(buffer.resume()).toEqual({ items: [3, 4, 5], gap: true });

    // The next pause starts without the old gap.
    buffer.pause();
    buffer.offer(6);
    expect(buffer.resume()).toEqual({ items: [6], gap: false });
  });

  it("clear forgets what was held and the gap but stays paused", () => {
    const buffer = new PauseBuffer<number>(1);
    buffer.pause();
    [1, 2].forEach((n) => buffer.offer(n));
    buffer.clear();
    expect(buffer.paused).toBe(true);
    expect(buffer.count).toBe(0);
    expect(buffer.offer(3)).toBe(false);
    expect(buffer.resume()).toEqual({ items: [3], gap: false });
  });
});
