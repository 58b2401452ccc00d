import { describe, expect, it } from "vitest";
import { deliveryFilterSchema } from "./delivery-filter";
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
const filter = (params: Record<string, string>) => deliveryFilterSchema.parse(params);

/** A facet as one line, "server 11, host 5": most frequent first, as the picker lists it. */
const line = (facet: Array<{ value: string; count: number }>) =>
  facet.map(({ value, count }) => `${value} ${count}`).join(", ");

describe("facetsFromGroups", () => {
  it("counts every dimension, most frequent first, leaving out nulls", () => {
    const facets = facetsFromGroups(groups, filter({}));
    expect(line(facets.resource_type)).toBe("server 11, host 5");
    expect(line(facets.action)).toBe("create 9, update 4, delete 3");
    expect(line(facets.result)).toBe("succeed 14, failed 2");
    expect(line(facets.kind)).toBe("event 16, verification 6");
  });

  it("leaves a facet's own choice out of its counts, so the alternatives stay visible", () => {
    const facets = facetsFromGroups(groups, filter({ resource_type: "server" }));
    expect(facets.resource_type.map((f) => f.value)).toEqual(["server", "host"]);
    // ...while the other facets are narrowed to servers.
    expect(line(facets.action)).toBe("create 8, delete 3");
    expect(line(facets.kind)).toBe("event 11");
  });

  it("narrows each facet by all the other chosen dimensions", () => {
    const facets = facetsFromGroups(
      groups,
      filter({ resource_type: "server,host", action: "create", result: "succeed" }),
    );
    expect(line(facets.resource_type)).toBe("server 6, host 1");
    expect(line(facets.action)).toBe("create 7, update 4, delete 3");
    expect(line(facets.result)).toBe("succeed 7, failed 2");
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
