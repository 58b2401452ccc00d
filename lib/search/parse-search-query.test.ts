import { describe, expect, it } from "vitest";
import {
  MAX_SEARCH_TERMS,
  parseNumber,
  parseSearchQuery,
  SearchSyntaxError,
} from "./parse-search-query";

const terms = (input: string) => parseSearchQuery(input).terms;

function syntaxError(input: string): SearchSyntaxError {
  try {
    parseSearchQuery(input);
  } catch (error) {
    if (error instanceof SearchSyntaxError) return error;
    throw error;
  }
  throw new Error(`${input} parsed`);
}

describe("parseSearchQuery", () => {
  it("reads free text as a lowercased substring", () => {
    expect(terms("10.168.115.57")).toEqual([
      { kind: "text", negate: false, pattern: "10.168.115.57", position: 0 },
    ]);
    expect(terms("Node-48")[0]).toMatchObject({ kind: "text", pattern: "node-48" });
    expect(terms("测试")[0]).toMatchObject({ kind: "text", pattern: "测试" });
  });

  it("ANDs terms separated by any whitespace, keeping where each began", () => {
    const found = terms("  web\tstatus:running \n -kvm ");
    expect(found.map((term) => [term.kind, term.position, term.negate])).toEqual([
      ["text", 2, false],
      ["field", 6, false],
      ["text", 23, true],
    ]);
  });

  it("reads quoted text with spaces, colons and escapes as one literal term", () => {
    expect(terms('"fa:16:3e:01 02"')[0]).toMatchObject({ kind: "text", pattern: "fa:16:3e:01 02" });
    expect(terms('"say \\"hi\\" \\\\ there"')[0]).toMatchObject({ pattern: 'say "hi" \\ there' });
  });

  it("reads field:value with a key anywhere or a dotted path", () => {
    expect(terms("Status:Running")[0]).toEqual({
      kind: "field",
      negate: false,
      field: "status",
      path: false,
      pattern: "running",
      quoted: false,
      position: 0,
    });
    expect(terms("metadata.owner:team-a")[0]).toMatchObject({
      field: "metadata.owner",
      path: true,
      pattern: "team-a",
    });
    expect(terms("nics.mac:00:22:*")[0]).toMatchObject({ field: "nics.mac", pattern: "00:22:*" });
    expect(terms("vcpu_count:8")[0]).toMatchObject({ kind: "field", pattern: "8" });
  });

  it("reads quoted field values literally, wildcards included", () => {
    expect(terms('os_name:"Kylin V10*"')[0]).toMatchObject({
      field: "os_name",
      pattern: "kylin v10*",
      quoted: true,
    });
  });

  it("reads a bare * value as 'the field is present'", () => {
    expect(terms("eip:*")[0]).toMatchObject({ kind: "field", pattern: "*", quoted: false });
    expect(terms("eip:***")[0]).toMatchObject({ pattern: "*" });
  });

  it("reads numeric comparisons", () => {
    expect(terms("vcpu_count:>4")[0]).toEqual({
      kind: "compare",
      negate: false,
      field: "vcpu_count",
      path: false,
      op: ">",
      value: 4,
      position: 0,
    });
    expect(terms("disk:>=51200")[0]).toMatchObject({ op: ">=", value: 51200 });
    expect(terms("progress:<100")[0]).toMatchObject({ op: "<", value: 100 });
    expect(terms("a.b:<=-2.5")[0]).toMatchObject({ op: "<=", value: -2.5, path: true });
    expect(terms("size:>1e3")[0]).toMatchObject({ value: 1000 });
    // Quoted, a comparison is just text.
    expect(terms('note:">4"')[0]).toMatchObject({ kind: "field", pattern: ">4" });
  });

  it("negates any form with a leading -", () => {
    expect(terms("-status:running")[0]).toMatchObject({ kind: "field", negate: true });
    expect(terms('-"a b"')[0]).toMatchObject({ kind: "text", negate: true, pattern: "a b" });
    expect(terms("-vcpu_count:>4")[0]).toMatchObject({ kind: "compare", negate: true });
    expect(terms("-host-a")[0]).toMatchObject({ kind: "text", negate: true, pattern: "host-a" });
  });

  it("keeps text whose part before a colon is no field name as free text", () => {
    expect(terms("10:30")[0]).toMatchObject({ kind: "text", pattern: "10:30" });
    expect(terms("http://x")[0]).toMatchObject({ kind: "field", field: "http", pattern: "//x" });
    expect(terms("a.:b")[0]).toMatchObject({ kind: "text", pattern: "a.:b" });
  });

  it("keeps wildcards inside free text", () => {
    expect(terms("node*48")[0]).toMatchObject({ kind: "text", pattern: "node*48" });
  });

  it.each([
    ['status:"running', 7, /Unclosed quote/],
    ['"', 0, /Unclosed quote/],
    ['""', 0, /Empty quotes/],
    ["status:", 7, /needs a value/],
    ["status: running", 7, /needs a value/],
    [":running", 0, /field name/],
    ["vcpu_count:>", 12, /Expected a number after >/],
    ["vcpu_count:>=four", 13, /Expected a number after >=/],
    ["-", 0, /lone -/],
    ["web - kvm", 4, /lone -/],
    ['ab"cd', 2, /quote inside a word/],
    ["*", 0, /only \*/],
    ["   ", 0, /Nothing to search/],
    ["", 0, /Nothing to search/],
  ])("refuses %j at character %i", (input, position, message) => {
    const error = syntaxError(input);
    expect(error.position).toBe(position);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`at character ${position + 1}`);
  });

  it("refuses more than the maximum number of terms", () => {
    const many = Array.from({ length: MAX_SEARCH_TERMS + 1 }, (_, i) => `t${i}`).join(" ");
    expect(syntaxError(many).message).toMatch(/At most 16 terms/);
    expect(terms(many.split(" ").slice(0, MAX_SEARCH_TERMS).join(" "))).toHaveLength(16);
  });
});

describe("parseNumber", () => {
  it.each([
    ["8", 8],
    [" 8 ", 8],
    ["-2.5", -2.5],
    ["1e3", 1000],
    [".5", 0.5],
    ["0x10", null],
    ["", null],
    ["8 cores", null],
    ["Infinity", null],
  ])("%j is %s", (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });
});
