import { describe, expect, it } from "vitest";
import {
  parseResourceSearch,
  resourceSearchFilters,
  resourceSearchString,
} from "./resource-search-params";

describe("resource search params", () => {
  it("reads the filters the API understands", () => {
    const search = parseResourceSearch(
      new URLSearchParams("q=web&resource_type=server,disk&deleted=false&order=asc"),
    );
    expect(search).toEqual({
      q: "web",
      resource_type: "server,disk",
      deleted: "false",
      order: "asc",
    });
    expect(resourceSearchString(search)).toBe(
      "?q=web&resource_type=server%2Cdisk&deleted=false&order=asc",
    );
  });

  it("drops bad values instead of failing the page", () => {
    const search = parseResourceSearch(
      new URLSearchParams("q=%20%20&resource_type=a%20b&deleted=maybe&order=up&other=1"),
    );
    expect(resourceSearchFilters(search)).toEqual({});
    expect(resourceSearchString(search)).toBe("");
  });
});
