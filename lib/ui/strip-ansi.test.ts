import { describe, expect, it } from "vitest";
import { stripAnsi } from "./strip-ansi";

describe("stripAnsi", () => {
  it("removes colour codes around a word", () => {
    expect(stripAnsi("Level: \u001b[31mimportant\u001b[0m")).toBe("Level: important");
  });

  it("removes codes with several parameters and the bare reset", () => {
    expect(stripAnsi("\u001b[1;33mwarn\u001b[m done")).toBe("warn done");
  });

  it("leaves text without escapes and a lone bracket alone", () => {
    expect(stripAnsi("a [31m b")).toBe("a [31m b");
  });
});
