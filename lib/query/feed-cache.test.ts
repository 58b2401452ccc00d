import { describe, expect, it } from "vitest";
import type { DeliverySummary } from "../events/delivery-summary";
import { addLiveDeliveries, newestId, type FeedData } from "./feed-cache";

const item = (id: number) => ({ id }) as DeliverySummary;
const ids = (data: FeedData | undefined) =>
  data?.pages.map((page) => page.data.map((row) => row.id));
const feed = (...pages: Array<[number[], string | null]>): FeedData => ({
  pages: pages.map(([rows, next_cursor]) => ({ data: rows.map(item), next_cursor })),
  pageParams: pages.map((_, i) => (i === 0 ? "" : String(i))),
});

describe("addLiveDeliveries", () => {
  it("puts arrivals on top of the first page, newest first, leaving later pages alone", () => {
    const data = feed([[5, 4], "4"], [[3, 2], null]);
    const next = addLiveDeliveries(data, [item(6), item(8), item(7)]);
    expect(ids(next)).toEqual([
      [8, 7, 6, 5, 4],
      [3, 2],
    ]);
    expect(next?.pages[0]?.next_cursor).toBe("4");
    expect(next?.pageParams).toEqual(data.pageParams);
  });

  it("keeps each id once, whether already cached or sent twice", () => {
    const data = feed([[5, 4], "4"], [[3], null]);
    expect(ids(addLiveDeliveries(data, [item(5), item(3), item(6), item(6)]))).toEqual([
      [6, 5, 4],
      [3],
    ]);
    expect(addLiveDeliveries(data, [item(4)])).toBe(data);
  });

  it("does nothing before the first page is there", () => {
    expect(addLiveDeliveries(undefined, [item(1)])).toBeUndefined();
  });

  it("lets the tail go past the limit and restarts the cursor at the oldest kept row", () => {
    const data = feed([[5, 4, 3], "3"], [[2, 1], null]);
    const next = addLiveDeliveries(data, [item(7), item(6)], { limit: 4 });
    expect(ids(next)).toEqual([[7, 6, 5, 4]]);
    expect(next?.pages[0]?.next_cursor).toBe("4");
    expect(next?.pageParams).toEqual([""]);
  });

  it("after a gap (arrivals dropped while paused) keeps only the arrivals, cursor at their oldest", () => {
    const data = feed([[5, 4], null]);
    const next = addLiveDeliveries(data, [item(90), item(91)], { gap: true });
    expect(ids(next)).toEqual([[91, 90]]);
    expect(next?.pages[0]?.next_cursor).toBe("90");
  });

  it("reads the newest id", () => {
    expect(newestId(feed([[9, 8], null]))).toBe(9);
    expect(newestId(feed([[], null]))).toBe(0);
    expect(newestId(undefined)).toBe(0);
  });
});
