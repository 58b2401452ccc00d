import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it("keeps paths on this site", () => {
    expect(safeNext("/events?kind=event#x")).toBe("/events?kind=event#x");
    expect(safeNext("/")).toBe("/");
  });

  it("never leaves the site or loops back to the login page", () => {
    for (const next of [
      null,
      undefined,
      "",
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/\tevil",
      "/login",
      "/login?next=/x",
      "events",
    ]) {
      expect(safeNext(next), String(next)).toBe("/");
    }
  });
});
