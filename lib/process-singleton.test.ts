import { describe, expect, it } from "vitest";
import { processSingleton } from "./process-singleton";

describe("processSingleton", () => {
  it("creates once and hands every caller the same value", () => {
    let made = 0;
    const make = () => ({ n: ++made });
    const first = processSingleton("test.once", make);
    expect(processSingleton("test.once", make)).toBe(first);
    expect(made).toBe(1);
  });

  it("is shared with another copy of a module through the global symbol", () => {
    const value = processSingleton("test.shared", () => new Map<string, number>());
    const holder = globalThis as Record<symbol, unknown>;
    expect(holder[Symbol.for("hooklens.test.shared")]).toBe(value);
  });

  it("keeps names apart, and retries a create that threw", () => {
    expect(processSingleton("test.a", () => "a")).toBe("a");
    expect(processSingleton("test.b", () => "b")).toBe("b");
    expect(() =>
      processSingleton("test.fails", () => {
        throw new Error("not yet");
      }),
    ).toThrow("not yet");
    expect(processSingleton("test.fails", () => 3)).toBe(3);
  });
});
