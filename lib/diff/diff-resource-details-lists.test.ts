import { describe, expect, it } from "vitest";
import { diffResourceDetails } from "./diff-resource-details";

describe("diffResourceDetails: lists by position", () => {
  it("compares lists without ids position by position", () => {
    expect(diffResourceDetails({ l: [1, 2, 3] }, { l: [1, 5, 3, 4] })).toEqual([
      { path: ["l", 1], op: "changed", before: 2, after: 5 },
      { path: ["l", 3], op: "added", after: 4 },
    ]);
  });

  it("gives a removal the position it had in the older list", () => {
    expect(diffResourceDetails({ l: ["a", "b", "c"] }, { l: ["a"] })).toEqual([
      { path: ["l", 1], op: "removed", before: "b" },
      { path: ["l", 2], op: "removed", before: "c" },
    ]);
  });

  it("falls back to positions when an item lacks an id or two items share one", () => {
    const mixed = diffResourceDetails(
      { l: [{ id: "a" }, { x: 1 }] },
      { l: [{ x: 1 }, { id: "a" }] },
    );
    expect(mixed).toHaveLength(4);
    const shared = diffResourceDetails(
      {
        l: [
          { id: "a", v: 1 },
          { id: "a", v: 2 },
        ],
      },
      {
        l: [
          { id: "a", v: 2 },
          { id: "a", v: 1 },
        ],
      },
    );
    expect(shared.map((e) => e.path)).toEqual([
      ["l", 0, "v"],
      ["l", 1, "v"],
    ]);
  });

  it("treats growth from an empty list as additions at their new positions", () => {
    expect(diffResourceDetails({ l: [] }, { l: [{ id: "d1" }] })).toEqual([
      { path: ["l", 0], op: "added", after: { id: "d1" } },
    ]);
  });
});

describe("diffResourceDetails: lists matched by id", () => {
  const disk = (id: string, size: number) => ({ id, disk_size: size, disk_type: "data" });

  it("sees no change in a reordered list", () => {
    const before = { disks_info: [disk("d1", 10), disk("d2", 20), disk("d3", 30)] };
    const after = { disks_info: [disk("d3", 30), disk("d1", 10), disk("d2", 20)] };
    expect(diffResourceDetails(before, after)).toEqual([]);
  });

  it("reports a changed item at its position in the newer list", () => {
    const before = { disks_info: [disk("d1", 10), disk("d2", 20)] };
    const after = { disks_info: [disk("d2", 40), disk("d1", 10)] };
    expect(diffResourceDetails(before, after)).toEqual([
      { path: ["disks_info", 0, "disk_size"], op: "changed", before: 20, after: 40 },
    ]);
  });

  it("reports an inserted item once, not a shift of everything after it", () => {
    const before = { disks_info: [disk("d1", 10), disk("d2", 20)] };
    const after = { disks_info: [disk("d0", 5), disk("d1", 10), disk("d2", 20)] };
    expect(diffResourceDetails(before, after)).toEqual([
      { path: ["disks_info", 0], op: "added", after: disk("d0", 5) },
    ]);
  });

  it("reports a removed item at its position in the older list", () => {
    const before = { secgroups: [{ id: "a" }, { id: "b" }, { id: "c" }] };
    const after = { secgroups: [{ id: "c" }, { id: "a" }] };
    expect(diffResourceDetails(before, after)).toEqual([
      { path: ["secgroups", 1], op: "removed", before: { id: "b" } },
    ]);
  });

  it("matches numeric ids and keeps 1 apart from '1'", () => {
    expect(diffResourceDetails({ l: [{ id: 1, v: "a" }] }, { l: [{ id: 1, v: "b" }] })).toEqual([
      { path: ["l", 0, "v"], op: "changed", before: "a", after: "b" },
    ]);
    expect(diffResourceDetails({ l: [{ id: 1 }] }, { l: [{ id: "1" }] })).toEqual([
      { path: ["l", 0], op: "added", after: { id: "1" } },
      { path: ["l", 0], op: "removed", before: { id: 1 } },
    ]);
  });

  it("uses another id key when told to", () => {
    const before = {
      nics: [
        { mac: "a", ip: "1" },
        { mac: "b", ip: "2" },
      ],
    };
    const after = {
      nics: [
        { mac: "b", ip: "2" },
        { mac: "a", ip: "1" },
      ],
    };
    expect(diffResourceDetails(before, after, { idKey: "mac" })).toEqual([]);
    expect(diffResourceDetails(before, after)).toHaveLength(4);
  });

  it("matches top-level lists by id too", () => {
    expect(diffResourceDetails([{ id: "a" }, { id: "b" }], [{ id: "b" }, { id: "a" }])).toEqual([]);
  });
});
