import { describe, expect, it } from "vitest";
import { countOf, countRecord } from "./count-record";

describe("countRecord", () => {
  it("counts values named like Object.prototype's members as any other", () => {
    const counts = countRecord();
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty", "x"]) {
      counts[key] = countOf(counts, key) + 1;
      counts[key] = countOf(counts, key) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(
      ["__proto__", "constructor", "hasOwnProperty", "toString", "x"].sort(),
    );
    expect(Object.values(counts)).toEqual([2, 2, 2, 2, 2]);
    expect(JSON.parse(JSON.stringify(counts)) as unknown).toHaveProperty(["__proto__"], 2);
  });

  it("reads 0 for what a parsed answer does not hold, never a built-in", () => {
    const parsed = JSON.parse('{"a":1}') as Record<string, number>;
    expect(countOf(parsed, "constructor")).toBe(0);
    expect(countOf(parsed, "toString")).toBe(0);
    expect(countOf(parsed, "a")).toBe(1);
  });
});
