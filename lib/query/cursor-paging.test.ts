import { describe, expect, it } from "vitest";
import { cursorPaging, withCursor } from "./cursor-paging";

describe("cursor paging", () => {
  it("asks the first page without a cursor and each next one with the last page's", () => {
    expect(withCursor({ endpoint: "a" }, cursorPaging.initialPageParam)).toEqual({ endpoint: "a" });
    expect(withCursor({ endpoint: "a" }, "42")).toEqual({ endpoint: "a", cursor: "42" });
  });

  it("stops after a page without a next cursor", () => {
    expect(cursorPaging.getNextPageParam({ next_cursor: "7" })).toBe("7");
    expect(cursorPaging.getNextPageParam({ next_cursor: null })).toBeUndefined();
  });
});
