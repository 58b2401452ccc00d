import { describe, expect, it } from "vitest";
import { isSaturated } from "./receiver-pressure";

describe("isSaturated", () => {
  it("needs both many deliveries and a loop with no time left", () => {
    expect(isSaturated(50, 0.95)).toBe(true);
    expect(isSaturated(400, 0.71)).toBe(true);
  });

  it("is not saturated by light traffic, however busy the loop (its own backlog)", () => {
    expect(isSaturated(49, 1)).toBe(false);
    expect(isSaturated(0, 1)).toBe(false);
  });

  it("is not saturated by many deliveries the loop handles with time to spare", () => {
    expect(isSaturated(1000, 0.7)).toBe(false);
    expect(isSaturated(1000, 0.2)).toBe(false);
  });
});
