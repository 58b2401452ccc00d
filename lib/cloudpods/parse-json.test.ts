import { describe, expect, it } from "vitest";
import { nestingDepth, parseJson } from "./parse-json";

describe("parseJson", () => {
  it("measures nesting outside strings only", () => {
    expect(nestingDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(nestingDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(nestingDepth('{"a":"\\"[[["}')).toBe(1);
    expect(nestingDepth("42")).toBe(0);
  });

  it("refuses a body nested deeper than the cap before parsing it", () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    const result = parseJson(deep, 64);
    expect(result).toEqual({ ok: false, error: "JSON nesting deeper than 64 levels (10000)" });
    expect(parseJson("[".repeat(64) + "]".repeat(64), 64).ok).toBe(true);
  });

  it("reports the parser's message for invalid JSON", () => {
    const result = parseJson('{"a":');
    expect(result.ok).toBe(false);
  });

  it("keeps __proto__ as a plain key", () => {
    const result = parseJson('{"__proto__":{"polluted":true}}');
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
