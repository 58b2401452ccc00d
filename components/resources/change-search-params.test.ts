import { describe, expect, it } from "vitest";
import {
  changeSearchString,
  isoToLocal,
  localToIso,
  parseChangeSearch,
} from "./change-search-params";

describe("change search params", () => {
  it("reads the API's names from the URL and writes them back", () => {
    const search = parseChangeSearch(
      new URLSearchParams(
        "resource_type=server&field=status&to=running&since=2024-05-01T00:00:00.000Z",
      ),
    );
    expect(search).toEqual({
      resource_type: "server",
      field: "status",
      to: "running",
      since: "2024-05-01T00:00:00.000Z",
    });
    expect(changeSearchString(search)).toBe(
      "?resource_type=server&field=status&to=running&since=2024-05-01T00%3A00%3A00.000Z",
    );
  });

  it("drops bad values and unknown names", () => {
    expect(parseChangeSearch(new URLSearchParams("since=yesterday&field=&other=1"))).toEqual({});
  });

  it("reads a blank `to` as no filter but keeps spaces in a value", () => {
    expect(parseChangeSearch(new URLSearchParams("to="))).toEqual({});
    expect(parseChangeSearch(new URLSearchParams("to=%20a%20"))).toEqual({ to: " a " });
  });

  it("round-trips times through the datetime-local input", () => {
    const iso = "2024-05-01T10:30:00.000Z";
    expect(localToIso(isoToLocal(iso))).toBe(iso);
    expect(localToIso("")).toBeUndefined();
    expect(isoToLocal(undefined)).toBe("");
  });
});
