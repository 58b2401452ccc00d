import { describe, expect, it } from "vitest";
import { goMarshal, goQuote } from "./go-json";

describe("goMarshal", () => {
  it("sorts keys and writes compact JSON like encoding/json", () => {
    expect(goMarshal({ b: 1, a: [true, null, "x"], c: { z: 1, y: 2 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":2,"z":1}}',
    );
  });

  it("escapes HTML characters and line separators as Go does", () => {
    expect(goQuote("<a & b>")).toBe('"\\u003ca \\u0026 b\\u003e"');
    expect(goQuote("x\u2028y")).toBe('"x\\u2028y"');
    expect(goQuote('q"\\\n\t\u0001')).toBe('"q\\"\\\\\\n\\t\\u0001"');
    expect(goQuote("虚拟机")).toBe('"虚拟机"');
    // Go of the platform's releases writes \b and \f as \u escapes; a backslash before
    // a "b" stays an escaped backslash.
    expect(goQuote("\b\f\\b\\\\f<")).toBe('"\\u0008\\u000c\\\\b\\\\\\\\f\\u003c"');
  });

  it("round-trips through JSON.parse", () => {
    const value = { name: "<script>alert(1)</script>", n: 1.5, list: [{ id: "a" }] };
    expect(JSON.parse(goMarshal(value))).toEqual(value);
  });
});
