import { describe, expect, it } from "vitest";
import { eventFilterSchema } from "./event-filter";
import {
  FACET_LIMIT,
  facetsFromGroups,
  totalFromGroups,
  withoutFacetDimensions,
  type FacetGroup,
} from "./facet-counts";

const g = (
  resource_type: string | null,
  action: string | null,
  result: string | null,
  kind: string,
  n: number,
): FacetGroup => ({
  resource_type,
  action,
  result,
  kind,
  n,
});

const groups = [
  g("server", "create", "succeed", "event", 5),
  g("server", "create", "failed", "event", 2),
  g("server", "delete", "succeed", "event", 3),
  g("host", "update", "succeed", "event", 4),
  g("host", "create", "succeed", "event", 1),
  g(null, null, null, "verification", 6),
  // The same tuple from a second endpoint: counts add up.
  g("server", "create", "succeed", "event", 1),
];
const filter = (params: Record<string, string>) => eventFilterSchema.parse(params);

describe("facetsFromGroups", () => {
  it("counts every dimension, most frequent first, leaving out nulls", () => {
    const facets = facetsFromGroups(groups, filter({}));
    expect(facets.resource_type).toEqual([
      { value: "server", count: 11 },
      { value: "host", count: 5 },
    ]);
    expect(facets.action).toEqual([
      { value: "create", count: 9 },
      { value: "update", count: 4 },
      { value: "delete", count: 3 },
    ]);
    expect(facets.result).toEqual([
      { value: "succeed", count: 14 },
      { value: "failed", count: 2 },
    ]);
    expect(facets.kind).toEqual([
      { value: "event", count: 16 },
      { value: "verification", count: 6 },
    ]);
  });

  it("leaves a facet's own choice out of its counts, so the alternatives stay visible", () => {
    const facets = facetsFromGroups(groups, filter({ resource_type: "server" }));
    expect(facets.resource_type.map((f) => f.value)).toEqual(["server", "host"]);
    // ...while the other facets are narrowed to servers.
    expect(facets.action).toEqual([
      { value: "create", count: 8 },
      { value: "delete", count: 3 },
    ]);
    expect(facets.kind).toEqual([{ value: "event", count: 11 }]);
  });

  it("narrows each facet by all the other chosen dimensions", () => {
    const facets = facetsFromGroups(
      groups,
      filter({ resource_type: "server,host", action: "create", result: "succeed" }),
    );
    expect(facets.resource_type).toEqual([
      { value: "server", count: 6 },
      { value: "host", count: 1 },
    ]);
    expect(facets.action).toEqual([
      { value: "create", count: 7 },
      { value: "update", count: 4 },
      { value: "delete", count: 3 },
    ]);
    expect(facets.result).toEqual([
      { value: "succeed", count: 7 },
      { value: "failed", count: 2 },
    ]);
  });

  it("breaks ties by name and keeps at most FACET_LIMIT values", () => {
    const many = Array.from({ length: FACET_LIMIT + 20 }, (_, i) =>
      g(`t${String(i).padStart(3, "0")}`, "a", null, "event", 1),
    );
    const facets = facetsFromGroups(many, filter({}));
    expect(facets.resource_type).toHaveLength(FACET_LIMIT);
    expect(facets.resource_type[0]).toEqual({ value: "t000", count: 1 });
  });
});

describe("totalFromGroups and withoutFacetDimensions", () => {
  it("totals the deliveries that match every chosen dimension", () => {
    expect(totalFromGroups(groups, filter({}))).toBe(22);
    expect(totalFromGroups(groups, filter({ resource_type: "server", result: "succeed" }))).toBe(9);
    expect(totalFromGroups(groups, filter({ kind: "text" }))).toBe(0);
  });

  it("keeps the non-facet filters for SQL", () => {
    expect(
      withoutFacetDimensions(
        filter({ endpoint: "e", resource_type: "server", kind: "event", q: "x" }),
      ),
    ).toEqual({
      endpoint: "e",
      q: "x",
    });
  });
});
