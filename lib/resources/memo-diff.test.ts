import { describe, expect, it } from "vitest";
import { diffResourceDetails } from "../diff/diff-resource-details";
import { memoDiff } from "./memo-diff";

describe("memoDiff", () => {
  it("answers what diffResourceDetails answers", () => {
    const before = { status: "ready", disks: [{ id: "a", size: 1 }] };
    const after = { status: "running", disks: [{ id: "a", size: 2 }] };
    expect(memoDiff(before, after)).toEqual(diffResourceDetails(before, after));
  });

  it("compares the same two objects once", () => {
    const before = { status: "ready" };
    const after = { status: "running" };
    const first = memoDiff(before, after);
    expect(memoDiff(before, after)).toBe(first);
  });

  it("compares again for other objects, even equal ones", () => {
    const before = { status: "ready" };
    const first = memoDiff(before, { status: "running" });
    const second = memoDiff(before, { status: "running" });
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(memoDiff({ status: "running" }, before)).toEqual([
      { path: ["status"], op: "changed", before: "running", after: "ready" },
    ]);
  });
});
