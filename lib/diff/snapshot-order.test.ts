import { describe, expect, it } from "vitest";
import { SnapshotHistory, snapshotTime } from "./snapshot-order";

describe("snapshotTime", () => {
  it("reads the platform's microsecond timestamps without losing the microseconds", () => {
    const a = snapshotTime({ updated_at: "2024-05-01T10:00:00.000100Z" })!;
    const b = snapshotTime({ updated_at: "2024-05-01T10:00:00.000900Z" })!;
    expect(b - a).toBe(800);
    expect(snapshotTime({ updated_at: "2024-05-01T10:00:00Z" })).toBe(
      Date.parse("2024-05-01T10:00:00Z") * 1000,
    );
  });

  it("honours time-zone offsets", () => {
    expect(snapshotTime({ updated_at: "2024-05-01T18:00:00.5+08:00" })).toBe(
      snapshotTime({ updated_at: "2024-05-01T10:00:00.500Z" }),
    );
  });

  it("gives null when updated_at is missing, empty, unreadable or not a string", () => {
    expect(snapshotTime({})).toBeNull();
    expect(snapshotTime({ updated_at: "" })).toBeNull();
    expect(snapshotTime({ updated_at: "soon" })).toBeNull();
    expect(snapshotTime({ updated_at: 1714557600 })).toBeNull();
  });
});

describe("SnapshotHistory", () => {
  const state = {};

  it("finds the latest-arrived snapshot at or before a time", () => {
    const history = new SnapshotHistory();
    history.add({ time: 30, deliveryId: 3, state });
    history.add({ time: 10, deliveryId: 1, state });
    history.add({ time: 10, deliveryId: 2, state });
    expect(history.before(5)).toBeUndefined();
    expect(history.before(10)?.deliveryId).toBe(2);
    expect(history.before(29)?.deliveryId).toBe(2);
    expect(history.before(99)?.deliveryId).toBe(3);
  });

  it("is behind only for times strictly older than the newest", () => {
    const history = new SnapshotHistory();
    expect(history.isBehind(0)).toBe(false);
    history.add({ time: 20, deliveryId: 1, state });
    expect(history.isBehind(19)).toBe(true);
    expect(history.isBehind(20)).toBe(false);
  });
});
