import { describe, expect, it } from "vitest";
import type { DeliveryStats } from "@/lib/stats/stats-types";
import { chartSeries, MAX_SERIES } from "./chart-series";
import { feedHref, groupFilter, spanFilter } from "./feed-link";

const stats = (
  totals: Record<string, number>,
  buckets: DeliveryStats["buckets"] = [],
): DeliveryStats => ({
  since: "2026-01-01T10:30:00.000Z",
  until: "2026-01-01T12:15:00.000Z",
  bucket: "hour",
  group_by: "action",
  buckets,
  totals,
});

describe("chartSeries", () => {
  it("stacks the largest groups first, each with its total", () => {
    const { series } = chartSeries(stats({ update: 2, create: 5, delete: 2 }));
    expect(series.map((s) => [s.label, s.total, s.values])).toEqual([
      ["create", 5, ["create"]],
      ["delete", 2, ["delete"]],
      ["update", 2, ["update"]],
    ]);
    expect(new Set(series.map((s) => s.id)).size).toBe(3);
  });

  it("folds the smallest into one 'other' stack, and keeps the absent value apart", () => {
    const totals = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`a${String(i).padStart(2, "0")}`, 100 - i]),
    );
    const { series } = chartSeries(stats({ ...totals, "(none)": 1 }));
    expect(series).toHaveLength(MAX_SERIES);
    const other = series.find((s) => s.label === "other")!;
    expect(other.values).toEqual(["a06", "a07", "a08", "a09", "a10", "a11"]);
    expect(other.total).toBe(94 + 93 + 92 + 91 + 90 + 89);
    expect(series.at(-1)).toMatchObject({ label: "(none)", values: ["(none)"], total: 1 });
    expect(series.reduce((sum, s) => sum + s.total, 0)).toBe(
      Object.values(totals).reduce((a, b) => a + b, 0) + 1,
    );
  });

  it("clips the first and last bars to the range and sums folded counts", () => {
    const totals = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`a${i}`, 10 - i]));
    const { series, rows } = chartSeries(
      stats(totals, [
        { t: "2026-01-01T10:00:00.000Z", counts: { a0: 1, a8: 2, a7: 1 } },
        { t: "2026-01-01T11:00:00.000Z", counts: {} },
        { t: "2026-01-01T12:00:00.000Z", counts: { a1: 3 } },
      ]),
    );
    const other = series.find((s) => s.label === "other")!;
    expect(
      rows.map((r) => [new Date(r.start).toISOString(), new Date(r.end).toISOString()]),
    ).toEqual([
      ["2026-01-01T10:30:00.000Z", "2026-01-01T11:00:00.000Z"],
      ["2026-01-01T11:00:00.000Z", "2026-01-01T12:00:00.000Z"],
      ["2026-01-01T12:00:00.000Z", "2026-01-01T12:15:00.000Z"],
    ]);
    expect(rows[0]!.counts[other.id]).toBe(3);
    expect(rows[0]!.counts[series[0]!.id]).toBe(1);
    expect(rows[1]!.counts[series[0]!.id]).toBe(0);
  });
});

describe("feed links", () => {
  it("names exactly the API's filters", () => {
    const span = spanFilter(
      Date.parse("2026-01-01T10:30:00Z"),
      Date.parse("2026-01-01T11:00:00Z"),
      "ep_1",
    );
    expect(feedHref({ ...groupFilter("resource_type", ["server"]), ...span })).toBe(
      "/events?endpoint=ep_1&resource_type=server&since=2026-01-01T10%3A30%3A00.000Z&until=2026-01-01T11%3A00%3A00.000Z",
    );
    expect(groupFilter("action", ["start", "stop"])).toEqual({ action: "start,stop" });
    expect(groupFilter("endpoint", ["ep_2"])).toEqual({ endpoint: "ep_2" });
  });

  it("refuses what no filter can name", () => {
    expect(groupFilter("action", ["(none)"])).toBeNull();
    expect(groupFilter("endpoint", ["a", "b"])).toBeNull();
    expect(groupFilter("kind", [])).toBeNull();
  });
});
