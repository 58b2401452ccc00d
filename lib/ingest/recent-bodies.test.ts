import { describe, expect, it } from "vitest";
import { RecentBodies } from "./recent-bodies";

describe("RecentBodies", () => {
  it("finds the chain's first delivery while the last one is inside the window", () => {
    const recent = new RecentBodies(100);
    recent.remember("a", 1, 0);
    expect(recent.find("a", 100)).toBe(1);
    recent.remember("a", 1, 100);
    expect(recent.find("a", 200)).toBe(1);
    expect(recent.find("a", 201)).toBeNull();
    expect(recent.find("b", 0)).toBeNull();
  });

  it("forgets what left the window and keeps within its cap", () => {
    const recent = new RecentBodies(100, 2);
    recent.remember("a", 1, 0);
    recent.remember("b", 2, 50);
    recent.remember("c", 3, 150);
    expect(recent.size).toBe(2);
    expect(recent.find("a", 150)).toBeNull();
    recent.remember("d", 4, 160);
    expect(recent.size).toBe(2);
    expect(recent.find("b", 160)).toBeNull();
    expect(recent.find("c", 160)).toBe(3);
  });

  it("takes an arrival back when its write is rolled back", () => {
    const recent = new RecentBodies(100);
    recent.remember("a", 1, 0);
    const undo = recent.remember("a", 1, 90);
    const undoNew = recent.remember("n", 7, 90);
    undo();
    undoNew();
    expect(recent.find("a", 101)).toBeNull();
    expect(recent.find("a", 100)).toBe(1);
    expect(recent.find("n", 90)).toBeNull();
  });
});
