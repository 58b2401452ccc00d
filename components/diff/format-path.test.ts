import { describe, expect, it } from "vitest";
import { formatPath, previewValue } from "./format-path";

describe("formatPath", () => {
  it("joins plain keys with dots and list positions with brackets", () => {
    expect(formatPath(["status"])).toBe("status");
    expect(formatPath(["disks_info", 1, "disk_size"])).toBe("disks_info[1].disk_size");
    expect(formatPath([0, "id"])).toBe("[0].id");
  });

  it("quotes keys that would read as something else", () => {
    expect(formatPath(["metadata", "sys:cpu"])).toBe('metadata["sys:cpu"]');
    expect(formatPath(["a.b"])).toBe('["a.b"]');
    expect(formatPath(["0"])).toBe('["0"]');
    expect(formatPath([""])).toBe('[""]');
  });

  it("keeps unicode names plain", () => {
    expect(formatPath(["标签", "环境"])).toBe("标签.环境");
  });

  it("names the empty path", () => {
    expect(formatPath([])).toBe("(whole resource)");
  });
});

describe("previewValue", () => {
  it("shows JSON, says when the value is absent, and cuts long values", () => {
    expect(previewValue("running")).toEqual({ text: '"running"', cut: false });
    expect(previewValue(null).text).toBe("null");
    expect(previewValue(undefined).text).toBe("(absent)");
    const long = previewValue({ text: "x".repeat(500) }, 20);
    expect(long.cut).toBe(true);
    expect(long.text).toHaveLength(21);
  });
});
