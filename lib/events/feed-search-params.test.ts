import { describe, expect, it } from "vitest";
import { deliveryFilterSchema } from "./delivery-filter";
import {
  FEED_FILTER_NAMES,
  feedSearchString,
  listValues,
  parseFeedSearchParams,
  withFilter,
} from "./feed-search-params";

describe("parseFeedSearchParams", () => {
  it("keeps every valid filter under the API's own names", () => {
    const search = new URLSearchParams({
      endpoint: "ep1",
      kind: "event",
      resource_type: "server,host",
      action: "create",
      result: "failed",
      signature: "invalid",
      duplicate: "true",
      q: "web-01",
      resource_id: "abc",
      since: "2026-01-01T00:00:00.000Z",
      until: "2026-01-02T00:00:00Z",
    });
    const filters = parseFeedSearchParams(search);
    expect(filters).toEqual(Object.fromEntries(search.entries()));
    // Whatever the page keeps, the API accepts unchanged.
    expect(deliveryFilterSchema.safeParse(filters).success).toBe(true);
  });

  it("drops bad values instead of failing, and keeps the good ones beside them", () => {
    const filters = parseFeedSearchParams(
      new URLSearchParams(
        "duplicate=maybe&since=yesterday&until=&q=%20%20&resource_type=server&limit=5&cursor=9&bogus=1",
      ),
    );
    expect(filters).toEqual({ resource_type: "server" });
  });

  it("drops an over-long search instead of sending the API something it refuses", () => {
    expect(parseFeedSearchParams(new URLSearchParams({ q: "x".repeat(501) }))).toEqual({});
    expect(parseFeedSearchParams(new URLSearchParams({ q: "x".repeat(500) })).q).toHaveLength(500);
    // A search that does not parse is kept as typed: the page shows the API's error for it.
    expect(parseFeedSearchParams(new URLSearchParams({ q: 'host:"node' })).q).toBe('host:"node');
  });

  it("normalizes lists: trimmed, no empties, no repeats", () => {
    expect(
      parseFeedSearchParams(new URLSearchParams({ action: " create, ,delete,create," })),
    ).toEqual({
      action: "create,delete",
    });
    expect(parseFeedSearchParams(new URLSearchParams({ action: " , ," }))).toEqual({});
  });

  it("reads Next's searchParams objects, taking the first of repeated values", () => {
    expect(
      parseFeedSearchParams({ kind: ["text", "event"], result: "succeed", other: "x" }),
    ).toEqual({
      kind: "text",
      result: "succeed",
    });
  });

  it("covers exactly the filter fields of the shared schema", () => {
    expect([...FEED_FILTER_NAMES].sort()).toEqual(Object.keys(deliveryFilterSchema.shape).sort());
  });
});

describe("feedSearchString and withFilter", () => {
  it("writes filters in one fixed order so equal views get equal URLs", () => {
    expect(feedSearchString({ action: "create", resource_type: "server" })).toBe(
      "?resource_type=server&action=create",
    );
    expect(feedSearchString({ resource_type: "server", action: "create" })).toBe(
      "?resource_type=server&action=create",
    );
    expect(feedSearchString({})).toBe("");
    expect(feedSearchString({ q: "a b&c" }, { format: "csv" })).toBe("?q=a+b%26c&format=csv");
  });

  it("sets, normalizes and removes one field", () => {
    expect(withFilter({ kind: "event" }, "action", "create, update")).toEqual({
      kind: "event",
      action: "create,update",
    });
    expect(withFilter({ kind: "event", action: "x" }, "action", "")).toEqual({ kind: "event" });
    expect(withFilter({ kind: "event" }, "kind", undefined)).toEqual({});
  });

  it("splits list values", () => {
    expect(listValues("a,b")).toEqual(["a", "b"]);
    expect(listValues(undefined)).toEqual([]);
  });
});
