import { describe, expect, it } from "vitest";
import { parseTimelineView, timelineViewString, toggleCompare } from "./timeline-view-params";

describe("timeline view params", () => {
  it("reads the steps to compare and the open state from the URL", () => {
    expect(parseTimelineView(new URLSearchParams("compare=3,9&at=9"))).toEqual({
      compare: [3, 9],
      at: 9,
    });
    expect(timelineViewString({ compare: [3, 9], at: 9 })).toBe("?compare=3%2C9&at=9");
    expect(timelineViewString({ compare: [], at: null })).toBe("");
  });

  it("opens a bad link with nothing selected", () => {
    expect(parseTimelineView(new URLSearchParams("compare=a,b&at=-1"))).toEqual({
      compare: [],
      at: null,
    });
    expect(parseTimelineView(new URLSearchParams("compare=1,2,3"))).toEqual({
      compare: [],
      at: null,
    });
    expect(parseTimelineView(new URLSearchParams(""))).toEqual({ compare: [], at: null });
  });

  it("keeps at most two steps selected, dropping the earliest pick", () => {
    expect(toggleCompare([], 4)).toEqual([4]);
    expect(toggleCompare([4], 7)).toEqual([4, 7]);
    expect(toggleCompare([4, 7], 9)).toEqual([7, 9]);
    expect(toggleCompare([4, 7], 4)).toEqual([7]);
  });
});
