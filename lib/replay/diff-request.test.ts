import { describe, expect, it } from "vitest";
import { diffBody, diffHeaders, diffLines } from "./diff-request";
import { editableHeaders, formatHeaderText, parseHeaderText } from "./header-text";

describe("diffHeaders", () => {
  it("lists added, removed and changed headers by name, case-insensitively", () => {
    const before: Array<[string, string]> = [
      ["User-Agent", "yunioncloud-go/201708"],
      ["X-Auth-Token", "abc"],
      ["X-Keep", "1"],
    ];
    const after: Array<[string, string]> = [
      ["user-agent", "yunioncloud-go/201708"],
      ["X-Keep", "1"],
      ["X-New", "n"],
    ];
    expect(diffHeaders(before, after)).toEqual([
      {
        name: "user-agent",
        op: "changed",
        before: "yunioncloud-go/201708",
        after: "yunioncloud-go/201708",
      },
      { name: "X-Auth-Token", op: "removed", before: "abc" },
      { name: "X-New", op: "added", after: "n" },
    ]);
  });

  it("sees a change in repeated values and nothing when equal", () => {
    expect(
      diffHeaders(
        [
          ["A", "1"],
          ["A", "2"],
        ],
        [["A", "1"]],
      ),
    ).toEqual([{ name: "A", op: "changed", before: "1, 2", after: "1" }]);
    expect(
      diffHeaders(
        [
          ["A", "1"],
          ["B", "2"],
        ],
        [
          ["B", "2"],
          ["A", "1"],
        ],
      ),
    ).toEqual([]);
  });
});

describe("diffBody", () => {
  it("says when nothing changed", () =>
    expect(diffBody('{"a":1}', '{"a":1}')).toEqual({ kind: "same" }));

  it("diffs JSON bodies field by field", () => {
    const before = '{"action":"create","resource_details":{"name":"a","vcpu_count":2}}';
    const after = '{"action":"create","resource_details":{"name":"b","vcpu_count":2},"env":"x"}';
    expect(diffBody(before, after)).toEqual({
      kind: "json",
      entries: [
        { path: ["resource_details", "name"], op: "changed", before: "a", after: "b" },
        { path: ["env"], op: "added", after: "x" },
      ],
    });
  });

  it("falls back to lines when only the bytes of equal JSON differ, or a side is not JSON", () => {
    expect(diffBody('{"a":1}', '{ "a": 1 }')).toEqual({
      kind: "lines",
      lines: [
        { op: "added", text: '{ "a": 1 }' },
        { op: "removed", text: '{"a":1}' },
      ],
    });
    expect(diffBody("not json", '{"a":1}').kind).toBe("lines");
  });

  it("gives up on bodies too large to line-diff", () => {
    const big = (c: string) => Array.from({ length: 2_100 }, (_, i) => `${c}${i}`).join("\n");
    expect(diffBody(big("a"), big("b"))).toEqual({ kind: "too_large" });
  });
});

describe("diffLines", () => {
  it("keeps common lines and marks the rest", () => {
    expect(diffLines("a\nb\nc\nd", "a\nc\nx\nd")).toEqual([
      { op: "same", text: "a" },
      { op: "removed", text: "b" },
      { op: "same", text: "c" },
      { op: "added", text: "x" },
      { op: "same", text: "d" },
    ]);
    expect(diffLines("", "new")).toEqual([
      { op: "added", text: "new" },
      { op: "removed", text: "" },
    ]);
  });
});

describe("header text", () => {
  it("round-trips pairs, repeats and values with colons and spaces", () => {
    const headers: Array<[string, string]> = [
      ["X-Yunion-Event", "SERVER/CREATE"],
      ["X-A", "1"],
      ["X-A", "  two: parts"],
      ["X-Empty", ""],
    ];
    const text = formatHeaderText(headers);
    expect(text).toBe("X-Yunion-Event: SERVER/CREATE\nX-A: 1\nX-A:   two: parts\nX-Empty: ");
    expect(parseHeaderText(text)).toEqual({ ok: true, headers });
  });

  it("skips blank lines, accepts CRLF and a value right after the colon", () => {
    expect(parseHeaderText("\r\nA:1\r\n\r\nB: 2\r\n")).toEqual({
      ok: true,
      headers: [
        ["A", "1"],
        ["B", "2"],
      ],
    });
  });

  it("names the line that is wrong", () => {
    expect(parseHeaderText("A: 1\nno colon here")).toEqual({
      ok: false,
      line: 2,
      reason: 'line 2 is not "Name: value"',
    });
    expect(parseHeaderText(": value")).toMatchObject({ ok: false, line: 1 });
    expect(parseHeaderText("Bad Name: x")).toMatchObject({
      ok: false,
      line: 1,
      reason: expect.stringContaining("not a valid HTTP header name"),
    });
  });
});

describe("editableHeaders", () => {
  it("leaves out what every replay sets for itself", () => {
    const stored: Array<[string, string]> = [
      ["Host", "h"],
      ["User-Agent", "u"],
      ["content-length", "3"],
      ["Connection", "close"],
      ["Transfer-Encoding", "chunked"],
      ["X-Auth-Token", "t"],
    ];
    expect(editableHeaders(stored)).toEqual([
      ["User-Agent", "u"],
      ["X-Auth-Token", "t"],
    ]);
  });
});
