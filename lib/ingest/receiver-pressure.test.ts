import { describe, expect, it } from "vitest";
import { MAX_SHARE, MIN_SHARE, nextShare } from "./receiver-pressure";

describe("nextShare", () => {
  it("halves when the loop had no time left while deliveries came in", () => {
    expect(nextShare(0.8, { deliveries: 120, idle: 0.01 })).toBe(0.4);
    expect(nextShare(0.06, { deliveries: 1, idle: 0 })).toBe(MIN_SHARE);
  });

  it("grows while time goes unused, up to its most", () => {
    expect(nextShare(0.4, { deliveries: 100, idle: 0.3 })).toBeCloseTo(0.45);
    expect(nextShare(MAX_SHARE, { deliveries: 100, idle: 0.5 })).toBe(MAX_SHARE);
  });

  it("grows with no deliveries, however busy the loop (background work alone)", () => {
    expect(nextShare(0.5, { deliveries: 0, idle: 0 })).toBeCloseTo(0.55);
  });

  it("holds between tight and spare", () => {
    expect(nextShare(0.3, { deliveries: 80, idle: 0.07 })).toBe(0.3);
  });
});
