import { describe, expect, it } from "vitest";
import { goMarshal, goQuote, jsonutilsQuote } from "./go-json";

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

describe("jsonutilsQuote", () => {
  /** jsonutils' rule, one character at a time: the reference the fast path must match. */
  function reference(value: string, rawControl: boolean): string {
    // The seven short escapes are JSON's own, so JSON.stringify spells them.
    const short = '"\\\b\f\n\r\t';
    let out = '"';
    for (const char of value) {
      if (short.includes(char)) out += JSON.stringify(char).slice(1, -1);
      else if (char < " " && !rawControl)
        out += "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0");
      else out += char;
    }
    return out + '"';
  }

  const samples = [
    "plain",
    'say "hi" \\ there',
    "tab\tnew\nline\rcr\bback\fform",
    "\u0000\u0001\u001f\u007f",
    "<a href='x'>&amp;</a>\u2028\u2029",
    "服务器 vm-web-01 🚀",
    "lone \ud800 high and \udc00 low",
    '{"password":"pw-1","nested":"{\\"a\\":1}"}',
  ];

  it.each(samples)("writes %j as jsonutils does", (sample) => {
    expect(jsonutilsQuote(sample)).toBe(reference(sample, false));
    expect(jsonutilsQuote(sample, true)).toBe(reference(sample, true));
  });

  it("round-trips strict output through JSON.parse", () => {
    for (const sample of samples.filter((s) => !/[\ud800-\udfff]/.test(s))) {
      expect(JSON.parse(jsonutilsQuote(sample))).toBe(sample);
    }
  });
});
