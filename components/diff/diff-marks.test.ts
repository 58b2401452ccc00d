import { describe, expect, it } from "vitest";
import { diffMarks, pathKey, showsDifference } from "./diff-marks";

const entries = [
  { path: ["status"], op: "changed" as const },
  { path: ["disks", 1], op: "added" as const },
  { path: ["metadata", "owner"], op: "removed" as const },
];

describe("diffMarks", () => {
  it("marks on each side only what exists there", () => {
    const from = diffMarks(entries, "from");
    const to = diffMarks(entries, "to");
    expect(from.marked.get(pathKey(["status"]))).toBe("changed");
    expect(to.marked.get(pathKey(["status"]))).toBe("changed");
    expect(from.marked.has(pathKey(["disks", 1]))).toBe(false);
    expect(to.marked.get(pathKey(["disks", 1]))).toBe("added");
    expect(from.marked.get(pathKey(["metadata", "owner"]))).toBe("removed");
    expect(to.marked.has(pathKey(["metadata", "owner"]))).toBe(false);
  });

  it("keeps the way down to a difference, and what is inside it, when equal parts hide", () => {
    const to = diffMarks(entries, "to");
    expect(showsDifference(to, [])).toBe(true);
    expect(showsDifference(to, ["disks"])).toBe(true);
    expect(showsDifference(to, ["disks", 1, "size"])).toBe(true);
    expect(showsDifference(to, ["disks", 0])).toBe(false);
    expect(showsDifference(to, ["name"])).toBe(false);
    expect(showsDifference(to, ["metadata"])).toBe(false);
  });

  it("tells an index from a key of the same text", () => {
    expect(pathKey(["a", 1])).not.toBe(pathKey(["a", "1"]));
  });
});
