import { describe, expect, it } from "vitest";
import { diffResourceDetails } from "./diff-resource-details";

describe("diffResourceDetails: flat objects", () => {
  it("returns nothing for equal snapshots, even when they are different objects", () => {
    const snapshot = { id: "s-1", name: "web", vcpu_count: 2, metadata: { a: "1" } };
    expect(diffResourceDetails(snapshot, structuredClone(snapshot))).toEqual([]);
  });

  it("reports an added, a removed and a changed key with their values", () => {
    expect(diffResourceDetails({ a: 1, b: 2 }, { a: 1, b: 3, c: 4 })).toEqual([
      { path: ["b"], op: "changed", before: 2, after: 3 },
      { path: ["c"], op: "added", after: 4 },
    ]);
    expect(diffResourceDetails({ a: 1, gone: "x" }, { a: 1 })).toEqual([
      { path: ["gone"], op: "removed", before: "x" },
    ]);
  });

  it("leaves the absent side out of the entry instead of writing undefined", () => {
    const [added] = diffResourceDetails({}, { a: 1 });
    const [removed] = diffResourceDetails({ a: 1 }, {});
    expect(added).not.toHaveProperty("before");
    expect(removed).not.toHaveProperty("after");
  });

  it("tells a number from the string of the same digits, and false from 0", () => {
    expect(diffResourceDetails({ n: 1 }, { n: "1" })).toEqual([
      { path: ["n"], op: "changed", before: 1, after: "1" },
    ]);
    expect(diffResourceDetails({ b: false }, { b: 0 })).toEqual([
      { path: ["b"], op: "changed", before: false, after: 0 },
    ]);
  });
});

describe("diffResourceDetails: null and missing", () => {
  it("treats missing to null as added and null to missing as removed", () => {
    expect(diffResourceDetails({}, { eip: null })).toEqual([
      { path: ["eip"], op: "added", after: null },
    ]);
    expect(diffResourceDetails({ eip: null }, {})).toEqual([
      { path: ["eip"], op: "removed", before: null },
    ]);
  });

  it("treats null to a value and back as changed", () => {
    expect(diffResourceDetails({ eip: null }, { eip: "1.2.3.4" })).toEqual([
      { path: ["eip"], op: "changed", before: null, after: "1.2.3.4" },
    ]);
    expect(diffResourceDetails({ eip: { ip: "x" } }, { eip: null })).toEqual([
      { path: ["eip"], op: "changed", before: { ip: "x" }, after: null },
    ]);
  });

  it("sees no change between two nulls", () => {
    expect(diffResourceDetails({ eip: null }, { eip: null })).toEqual([]);
  });
});

describe("diffResourceDetails: nesting", () => {
  it("reports the deepest changed key with the full path", () => {
    const before = { metadata: { tags: { env: "dev", team: "a" } } };
    const after = { metadata: { tags: { env: "prod", team: "a" } } };
    expect(diffResourceDetails(before, after)).toEqual([
      { path: ["metadata", "tags", "env"], op: "changed", before: "dev", after: "prod" },
    ]);
  });

  it("reports an added or removed subtree as one entry holding the whole value", () => {
    expect(diffResourceDetails({}, { metadata: { a: { b: 1 } } })).toEqual([
      { path: ["metadata"], op: "added", after: { a: { b: 1 } } },
    ]);
    expect(diffResourceDetails({ m: { a: 1 } }, { m: {} })).toEqual([
      { path: ["m", "a"], op: "removed", before: 1 },
    ]);
  });

  it("walks objects inside lists inside objects", () => {
    const before = { nics: [{ mac: "aa", ips: ["10.0.0.1"] }] };
    const after = { nics: [{ mac: "aa", ips: ["10.0.0.2"] }] };
    expect(diffResourceDetails(before, after)).toEqual([
      { path: ["nics", 0, "ips", 0], op: "changed", before: "10.0.0.1", after: "10.0.0.2" },
    ]);
  });

  it("gives each entry its own path array", () => {
    const entries = diffResourceDetails({ a: { x: 1, y: 1 } }, { a: { x: 2, y: 2 } });
    expect(entries.map((e) => e.path)).toEqual([
      ["a", "x"],
      ["a", "y"],
    ]);
    expect(entries[0]!.path).not.toBe(entries[1]!.path);
  });
});

describe("diffResourceDetails: type changes", () => {
  it.each([
    ["object to string", { a: 1 }, "a"],
    ["string to object", "a", { a: 1 }],
    ["list to object", [1], { 0: 1 }],
    ["object to list", {}, []],
    ["list to string", ["x"], "x"],
    ["number to boolean", 1, true],
  ])("reports %s as one changed entry", (_name, before, after) => {
    expect(diffResourceDetails({ field: before }, { field: after })).toEqual([
      { path: ["field"], op: "changed", before, after },
    ]);
  });

  it("compares two non-objects at the top as a whole", () => {
    expect(diffResourceDetails(null, { a: 1 })).toEqual([
      { path: [], op: "changed", before: null, after: { a: 1 } },
    ]);
    expect(diffResourceDetails("x", "x")).toEqual([]);
  });
});

describe("diffResourceDetails: keys", () => {
  it("handles unicode keys and values, including astral characters", () => {
    const before = { 名称: "服务器", "标签 🚀": { 环境: "测试" } };
    const after = { 名称: "服务器二", "标签 🚀": { 环境: "生产" }, é: 1 };
    expect(diffResourceDetails(before, after)).toEqual([
      { path: ["名称"], op: "changed", before: "服务器", after: "服务器二" },
      { path: ["标签 🚀", "环境"], op: "changed", before: "测试", after: "生产" },
      { path: ["é"], op: "added", after: 1 },
    ]);
  });

  it("does not mistake inherited names for keys", () => {
    expect(diffResourceDetails({}, { constructor: "x", toString: 1 })).toEqual([
      { path: ["constructor"], op: "added", after: "x" },
      { path: ["toString"], op: "added", after: 1 },
    ]);
    expect(diffResourceDetails({ hasOwnProperty: 1 }, {})).toEqual([
      { path: ["hasOwnProperty"], op: "removed", before: 1 },
    ]);
  });

  it("treats a parsed __proto__ key as an ordinary key", () => {
    const before = JSON.parse('{"__proto__": {"a": 1}}') as unknown;
    const after = JSON.parse('{"__proto__": {"a": 2}}') as unknown;
    expect(diffResourceDetails(before, after)).toEqual([
      { path: ["__proto__", "a"], op: "changed", before: 1, after: 2 },
    ]);
  });

  it("sees a parsed __proto__ key added or removed on one side only", () => {
    const parsed = JSON.parse('{"__proto__": 1}') as unknown;
    expect(diffResourceDetails({}, parsed)).toEqual([
      { path: ["__proto__"], op: "added", after: 1 },
    ]);
    expect(diffResourceDetails(parsed, {})).toEqual([
      { path: ["__proto__"], op: "removed", before: 1 },
    ]);
  });

  it("keeps numeric-looking object keys as strings", () => {
    expect(diffResourceDetails({ "0": "a" }, { "0": "b" })).toEqual([
      { path: ["0"], op: "changed", before: "a", after: "b" },
    ]);
  });

  it("keeps empty-string keys", () => {
    expect(diffResourceDetails({ "": 1 }, { "": 2 })).toEqual([
      { path: [""], op: "changed", before: 1, after: 2 },
    ]);
  });
});

describe("diffResourceDetails: size", () => {
  const wide = (n: number, value: (i: number) => number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`key_${i}`, value(i)]));

  it("diffs 10,000-key objects and finds exactly the keys that changed", () => {
    const before = wide(10_000, (i) => i);
    const after: Record<string, unknown> = {
      ...wide(10_000, (i) => (i % 1000 === 0 ? -i : i)),
      extra: true,
    };
    delete after["key_9999"];
    const entries = diffResourceDetails(before, after);
    expect(entries.filter((e) => e.op === "changed")).toHaveLength(9); // key_0 stays 0
    expect(entries.filter((e) => e.op === "added")).toEqual([
      { path: ["extra"], op: "added", after: true },
    ]);
    expect(entries.filter((e) => e.op === "removed")).toEqual([
      { path: ["key_9999"], op: "removed", before: 9999 },
    ]);
  });

  it("diffs 10,000-item lists matched by id", () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `i-${i}`, v: i }));
    const after = [...items].reverse().map((item) => (item.v === 42 ? { ...item, v: -1 } : item));
    expect(diffResourceDetails({ items }, { items: after })).toEqual([
      { path: ["items", 9957, "v"], op: "changed", before: 42, after: -1 },
    ]);
  });
});
