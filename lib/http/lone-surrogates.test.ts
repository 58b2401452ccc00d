import { describe, expect, it } from "vitest";
import { hasLoneSurrogate } from "./lone-surrogates";

const check = (text: string) => hasLoneSurrogate(text, JSON.parse(text));

describe("hasLoneSurrogate", () => {
  it("finds a lone surrogate in any string or key, at any depth", () => {
    for (const text of ['"\\ud800"', '{"a":["x",{"b":"\\udc00"}]}', '{"\\udbff":1}', '["\\ud83d"]'])
      expect(check(text), text).toBe(true);
  });

  it("passes pairs, other escapes and text without escapes", () => {
    for (const text of [
      '"\\ud83d\\ude00"',
      '"😀"',
      '{"a":"\\u00e9\\\\ud800"}',
      '[1,null,{"k":"中文"}]',
    ])
      expect(check(text), text).toBe(false);
  });
});
