import { describe, expect, it } from "vitest";
import type { ReceiverPressure } from "../ingest/receiver-pressure";
import { restAfter } from "./start-worker-indexing";

const pressure = (share: number, idle: number, quiet = false): ReceiverPressure => ({
  share: () => share,
  idle: () => idle,
  overall: () => share,
  quiet: () => quiet,
  saturated: () => share < 0.2,
  spent: () => {},
  stop: () => {},
});
// A step of 300 rows: 90 ms reading, 60 ms writing, 10 ms merging.
const step = {
  rows: 300,
  written: 300,
  caughtUp: false,
  merged: true,
  readMs: 90,
  writeMs: 60,
  mergeMs: 10,
};

describe("restAfter", () => {
  it("works most of the time while the receiver keeps up", () => {
    // The loop has idle time, as at a steady rate it can take, however small its share.
    const rest = restAfter(step, pressure(0.08, 0.1));
    expect(160 / (160 + rest)).toBeCloseTo(0.75);
  });

  it("works half the least share while the receiver is saturated", () => {
    // A closed-loop load leaves no idle time: every wait for the lock is a delivery less.
    const short = { ...step, readMs: 6, writeMs: 3.5, mergeMs: 0.5 };
    const rest = restAfter(short, pressure(0.05, 0.01));
    expect(10 / (10 + rest)).toBeCloseTo(0.025);
  });

  it("never rests more than a second, whatever the step took", () => {
    // A step slowed by a busy machine (its thread waited for a core) at the least share.
    expect(restAfter(step, pressure(0.05, 0.01))).toBe(1000);
  });

  it("works nine tenths of the time when no delivery comes", () => {
    const rest = restAfter(step, pressure(0.9, 1, true));
    expect(160 / (160 + rest)).toBeCloseTo(0.9);
  });
});
