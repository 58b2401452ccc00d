import { describe, expect, it } from "vitest";
import { diffResourceDetails } from "./diff-resource-details";
import { DEFAULT_NOISE_FIELDS, markNoise, noiseMatcher, parseNoiseFields } from "./noise-fields";

describe("noiseMatcher", () => {
  const isNoise = noiseMatcher();

  it("folds the platform's bookkeeping fields by default", () => {
    expect(isNoise(["updated_at"])).toBe(true);
    expect(isNoise(["update_version"])).toBe(true);
    expect(isNoise(["last_sync"])).toBe(true);
    expect(DEFAULT_NOISE_FIELDS).toContain("updated_at");
  });

  it("folds the notes a status-change event adds to resource_details", () => {
    expect(isNoise(["old_status"])).toBe(true);
    expect(isNoise(["new_status"])).toBe(true);
  });

  it("keeps real changes visible", () => {
    expect(isNoise(["status"])).toBe(false);
    expect(isNoise(["vmem_size"])).toBe(false);
    expect(isNoise(["updated_at_by_user"])).toBe(false);
  });

  it("matches a field name at any depth, by the innermost key", () => {
    expect(isNoise(["disks_info", 0, "updated_at"])).toBe(true);
    expect(isNoise(["updated_at", 0])).toBe(true);
    expect(isNoise(["disks_info", 0])).toBe(false);
  });

  it("never folds a path without keys", () => {
    expect(isNoise([])).toBe(false);
    expect(isNoise([0, 1])).toBe(false);
  });

  it("takes wildcards in names", () => {
    const matcher = noiseMatcher(["last_*"]);
    expect(matcher(["last_sync_end_at"])).toBe(true);
    expect(matcher(["nics", 1, "last_seen"])).toBe(true);
    expect(matcher(["blast_radius"])).toBe(false);
  });

  it("treats dotted patterns as paths from the top, folding what is below", () => {
    const matcher = noiseMatcher(["metadata.sys:*", "nics.*.rx_bytes"]);
    expect(matcher(["metadata", "sys:cpu"])).toBe(true);
    expect(matcher(["metadata", "sys:cpu", "inner"])).toBe(true);
    expect(matcher(["metadata", "user:cpu"])).toBe(false);
    expect(matcher(["sys:cpu"])).toBe(false);
    expect(matcher(["nics", 3, "rx_bytes"])).toBe(true);
    expect(matcher(["nics", 3, "tx_bytes"])).toBe(false);
  });

  it("takes regular-expression characters in patterns literally", () => {
    const matcher = noiseMatcher(["a+b", "(x)"]);
    expect(matcher(["a+b"])).toBe(true);
    expect(matcher(["aab"])).toBe(false);
    expect(matcher(["(x)"])).toBe(true);
  });

  it("folds nothing with an empty list", () => {
    expect(noiseMatcher([])(["updated_at"])).toBe(false);
  });
});

describe("markNoise", () => {
  it("marks entries without dropping or reordering them", () => {
    const diff = diffResourceDetails(
      { status: "ready", updated_at: "t1", vmem_size: 1024 },
      { status: "running", updated_at: "t2", vmem_size: 2048 },
    );
    expect(markNoise(diff).map((e) => [e.path[0], e.noise])).toEqual([
      ["status", false],
      ["updated_at", true],
      ["vmem_size", false],
    ]);
  });

  it("uses the configured list instead of the default", () => {
    const diff = diffResourceDetails({ a: 1, updated_at: 1 }, { a: 2, updated_at: 2 });
    expect(markNoise(diff, noiseMatcher(["a"])).map((e) => e.noise)).toEqual([true, false]);
  });
});

describe("parseNoiseFields", () => {
  it("reads one pattern a line or comma, ignoring blanks", () => {
    expect(parseNoiseFields("updated_at, last_*\n\n  metadata.sys:* \n")).toEqual([
      "updated_at",
      "last_*",
      "metadata.sys:*",
    ]);
  });
});
