import { describe, expect, it } from "vitest";
import { cursorPage, lookaheadLimit } from "./cursor-page";

const shape = { item: (n: number) => `#${n}`, cursor: (n: number) => String(n) };

describe("cursorPage", () => {
  it("answers the first limit rows and the last one's cursor when a row more was read", () => {
    expect(lookaheadLimit(2)).toBe(3);
    expect(cursorPage([9, 8, 7], 2, shape)).toEqual({ data: ["#9", "#8"], next_cursor: "8" });
  });

  it("has no next cursor on the last page, full or short, nor on an empty one", () => {
    expect(cursorPage([9, 8], 2, shape)).toEqual({ data: ["#9", "#8"], next_cursor: null });
    expect(cursorPage([9], 2, shape)).toEqual({ data: ["#9"], next_cursor: null });
    expect(cursorPage([], 2, shape)).toEqual({ data: [], next_cursor: null });
  });
});
