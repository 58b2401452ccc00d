import { describe, expect, it } from "vitest";
import { timelineWindowSchema, windowSteps } from "./timeline-window";

const ids = [3, 5, 8, 13, 21, 34];
const window = (query: { limit: number; before?: number }) => {
  const { steps, nextBefore } = windowSteps(ids, (id) => id, query);
  return { steps, nextBefore };
};

describe("windowSteps", () => {
  it("answers the newest steps, oldest first, and where older ones start", () => {
    expect(window({ limit: 2 })).toEqual({ steps: [21, 34], nextBefore: 21 });
  });

  it("answers the steps older than `before`, whether or not it is a step", () => {
    expect(window({ limit: 2, before: 21 })).toEqual({ steps: [8, 13], nextBefore: 8 });
    expect(window({ limit: 2, before: 20 })).toEqual({ steps: [8, 13], nextBefore: 8 });
  });

  it("has no next window once it reaches the first step", () => {
    expect(window({ limit: 2, before: 8 })).toEqual({ steps: [3, 5], nextBefore: null });
    expect(window({ limit: 10 })).toEqual({ steps: ids, nextBefore: null });
    expect(window({ limit: 5, before: 3 })).toEqual({ steps: [], nextBefore: null });
  });

  it("pages back to the first step through every step once", () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = window({ limit: 4, ...(before ? { before } : {}) });
      seen.unshift(...page.steps);
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(ids);
  });
});

describe("timelineWindowSchema", () => {
  it("defaults to 200 steps and reads numbers from the query", () => {
    expect(timelineWindowSchema.parse({})).toEqual({ limit: 200 });
    expect(timelineWindowSchema.parse({ limit: "5", before: "40" })).toEqual({
      limit: 5,
      before: 40,
    });
  });

  it.each([
    [{ limit: "0" }, "limit"],
    [{ limit: "1001" }, "limit"],
    [{ limit: "ten" }, "limit"],
    [{ before: "-1" }, "before"],
    [{ before: "1.5" }, "before"],
    [{ before: "abc" }, "before"],
  ])("refuses %o, naming %s", (query, field) => {
    const parsed = timelineWindowSchema.safeParse(query);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
  });
});
