import { describe, expect, it } from "vitest";
import type { ReceiverPressure } from "../ingest/receiver-pressure";
import { restAfter, SATURATED_AFTER_MS, watchSaturation } from "./start-worker-indexing";

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

const keepingUp = { saturated: false, behind: false };
const saturated = { saturated: true, behind: false };

describe("restAfter", () => {
  it("works most of the time while the receiver keeps up", () => {
    // The loop has idle time, as at a steady rate it can take, however small its share.
    const rest = restAfter(step, pressure(0.08, 0.1), keepingUp);
    expect(160 / (160 + rest)).toBeCloseTo(0.75);
  });

  it("works more of the time while it is behind a receiver that keeps up", () => {
    const rest = restAfter(step, pressure(0.08, 0.1), { saturated: false, behind: true });
    expect(160 / (160 + rest)).toBeCloseTo(0.9);
  });

  it("works half the least share while the receiver is saturated, behind or not", () => {
    // A closed-loop load leaves no idle time: every wait for the lock is a delivery less.
    const short = { ...step, readMs: 6, writeMs: 3.5, mergeMs: 0.5 };
    const rest = restAfter(short, pressure(0.05, 0.01), saturated);
    expect(10 / (10 + rest)).toBeCloseTo(0.025);
    const behind = restAfter(short, pressure(0.05, 0.01), { saturated: true, behind: true });
    expect(behind).toBe(rest);
  });

  it("never rests more than a second, whatever the step took", () => {
    // A step slowed by a busy machine (its thread waited for a core) at the least share.
    expect(restAfter(step, pressure(0.05, 0.01), saturated)).toBe(1000);
  });

  it("works nine tenths of the time when no delivery comes", () => {
    const rest = restAfter(step, pressure(0.9, 1, true), keepingUp);
    expect(160 / (160 + rest)).toBeCloseTo(0.9);
  });
});

describe("watchSaturation", () => {
  const clock = () => {
    let at = 0;
    return { now: () => at, advance: (ms: number) => (at += ms) };
  };

  it("takes the receiver as saturated only once its loop stayed busy for a while", () => {
    const time = clock();
    const saturatedNow = watchSaturation(time.now);
    expect(saturatedNow(pressure(0.05, 0.01))).toBe(false);
    time.advance(SATURATED_AFTER_MS - 1);
    expect(saturatedNow(pressure(0.05, 0.01))).toBe(false);
    time.advance(1);
    expect(saturatedNow(pressure(0.05, 0.01))).toBe(true);
    time.advance(10_000);
    expect(saturatedNow(pressure(0.05, 0.005))).toBe(true);
  });

  it("starts over after any look with idle time: a dip at a steady rate is not saturation", () => {
    const time = clock();
    const saturatedNow = watchSaturation(time.now);
    for (let i = 0; i < 10; i++) {
      expect(saturatedNow(pressure(0.05, 0.01))).toBe(false);
      time.advance(SATURATED_AFTER_MS / 2);
      expect(saturatedNow(pressure(0.05, 0.01))).toBe(false);
      time.advance(SATURATED_AFTER_MS / 4);
      expect(saturatedNow(pressure(0.3, 0.05))).toBe(false);
    }
  });

  it("is never saturated while no delivery comes", () => {
    const time = clock();
    const saturatedNow = watchSaturation(time.now);
    saturatedNow(pressure(0.05, 0.01));
    time.advance(SATURATED_AFTER_MS);
    expect(saturatedNow(pressure(0.05, 0.01, true))).toBe(false);
    // The quiet look started the watch over.
    expect(saturatedNow(pressure(0.05, 0.01))).toBe(false);
  });
});
