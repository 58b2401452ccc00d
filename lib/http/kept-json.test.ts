import { describe, expect, it } from "vitest";
import { jsonWithKept, keptJson } from "./kept-json";

describe("keptJson", () => {
  it("writes the object once and answers the same text after", () => {
    const state = { name: "vm-1", disks: [{ id: "d1" }] };
    const text = keptJson(state);
    expect(text).toBe(JSON.stringify(state));
    expect(keptJson(state)).toBe(text);
  });
});

describe("jsonWithKept", () => {
  it("answers the body with the kept value as its last key", async () => {
    const state = { status: "running", 名称: "服务器" };
    const response = jsonWithKept({ resource_id: "s1", events: [1, 2] }, "state", state);
    expect(response.headers.get("content-type")).toBe("application/json");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ resource_id: "s1", events: [1, 2], state });
    expect(text.endsWith(`"state":${JSON.stringify(state)}}`)).toBe(true);
  });

  it("writes null and an empty body", async () => {
    expect(await jsonWithKept({}, "state", null).json()).toEqual({ state: null });
    expect(await jsonWithKept({ a: 1 }, "state", undefined).json()).toEqual({ a: 1, state: null });
  });
});
