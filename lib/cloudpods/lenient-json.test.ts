import { describe, expect, it } from "vitest";
import { escapeRawControlCharacters } from "./lenient-json";

describe("escapeRawControlCharacters", () => {
  it("escapes raw control characters inside strings only", () => {
    const raw = '{"a":"x\u0001y","b":"\u001f"}';
    const fixed = escapeRawControlCharacters(raw);
    expect(fixed).toBe('{"a":"x\\u0001y","b":"\\u001f"}');
    expect(JSON.parse(fixed!)).toEqual({ a: "x\u0001y", b: "\u001f" });
  });

  it("leaves escaped quotes and backslashes alone", () => {
    const raw = '{"a":"q\\"\u0002\\\\","b":1}';
    expect(JSON.parse(escapeRawControlCharacters(raw)!)).toEqual({ a: 'q"\u0002\\', b: 1 });
  });

  it("answers null when there is nothing to escape (whitespace between tokens is not a string)", () => {
    expect(escapeRawControlCharacters('{\n"a":\t"b"}')).toBeNull();
    expect(escapeRawControlCharacters("{nope")).toBeNull();
  });

  it("escapes the raw tab and newline too, which strict JSON also refuses in strings", () => {
    expect(JSON.parse(escapeRawControlCharacters('{"a":"x\ty\nz"}')!)).toEqual({ a: "x\ty\nz" });
  });
});
