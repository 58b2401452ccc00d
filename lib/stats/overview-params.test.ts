import { describe, expect, it } from "vitest";
import {
  overviewFilters,
  overviewSearchString,
  parseOverviewParams,
  statsApiParams,
} from "./overview-params";

const parse = (query: string) => parseOverviewParams(new URLSearchParams(query));

describe("overview URL params", () => {
  it("defaults to the last 24 h by action over every endpoint", () => {
    expect(parse("")).toEqual({ range: "24h", groupBy: "action", endpoint: undefined });
    expect(overviewSearchString(parse(""))).toBe("");
  });

  it("reads rolling and custom ranges, grouping and endpoint, and writes them back", () => {
    expect(parse("range=7d&group_by=result&endpoint=ep_1")).toEqual({
      range: "7d",
      groupBy: "result",
      endpoint: "ep_1",
    });
    const custom = parse("since=2026-01-01T00:00:00Z&until=2026-01-02T12:00:00%2B02:00");
    expect(custom).toMatchObject({
      range: "custom",
      since: "2026-01-01T00:00:00.000Z",
      until: "2026-01-02T10:00:00.000Z",
    });
    for (const query of [
      "range=1h&group_by=kind",
      "since=2026-01-01T00%3A00%3A00.000Z&endpoint=e",
      "group_by=endpoint",
    ]) {
      expect(overviewSearchString(parse(query))).toBe(`?${query}`);
    }
  });

  it("falls back to the defaults on bad values instead of failing", () => {
    expect(parse("range=fortnight&group_by=colour&since=yesterday&endpoint=")).toEqual({
      range: "24h",
      groupBy: "action",
      endpoint: undefined,
    });
    // since after until is not a range: the default stands.
    expect(parse("since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z").range).toBe("24h");
  });
});

describe("statsApiParams", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");

  it("ends a rolling range now", () => {
    expect(statsApiParams(overviewFilters(parse("range=1h&endpoint=e")), now)).toEqual({
      endpoint: "e",
      since: "2026-03-01T11:00:00.000Z",
      until: "2026-03-01T12:00:00.000Z",
    });
  });

  it("passes a custom range as written, with an open end", () => {
    expect(statsApiParams(overviewFilters(parse("since=2026-01-01T00:00:00Z")), now)).toEqual({
      since: "2026-01-01T00:00:00.000Z",
    });
  });
});
