import { describe, expect, it } from "vitest";
import { acceptsInput, bulkInputSchema, replayInputSchema } from "./replay-input";

const issues = (result: {
  success: boolean;
  error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
}) => result.error?.issues.map((issue) => [issue.path.join("."), issue.message]) ?? [];

describe("replayInputSchema", () => {
  it("defaults to exact mode and takes headers as pairs or as an object", () => {
    expect(replayInputSchema.parse({ url: " http://a.test/ " })).toEqual({
      url: "http://a.test/",
      mode: "exact",
    });
    const pairs = replayInputSchema.parse({
      url: "http://a.test/",
      mode: "edited",
      headers: [
        ["X-A", "1"],
        ["X-A", "2"],
      ],
      body: "{}",
    });
    expect(pairs.headers).toEqual([
      ["X-A", "1"],
      ["X-A", "2"],
    ]);
    const object = replayInputSchema.parse({
      url: "http://a.test/",
      mode: "edited",
      headers: { "X-B": "2" },
    });
    expect(object.headers).toEqual([["X-B", "2"]]);
  });

  it("names what is wrong", () => {
    expect(issues(replayInputSchema.safeParse({ url: "" }))).toEqual([["url", "url is required"]]);
    expect(
      issues(replayInputSchema.safeParse({ url: "http://a.test/", mode: "endpoint" }))[0]?.[0],
    ).toBe("endpoint_id");
    expect(
      issues(
        replayInputSchema.safeParse({ url: "http://a.test/", mode: "exact", body: "x" }),
      )[0]?.[0],
    ).toBe("body");
    expect(
      issues(
        replayInputSchema.safeParse({
          url: "http://a.test/",
          mode: "edited",
          headers: [
            ["ok", "1"],
            ["bad name", "2"],
          ],
        }),
      )[0]?.[0],
    ).toBe("headers.1");
    expect(
      issues(
        replayInputSchema.safeParse({
          url: "http://a.test/",
          mode: "edited",
          headers: { X: "a\nb" },
        }),
      )[0]?.[0],
    ).toBe("headers.0");
    expect(replayInputSchema.safeParse({ url: "http://a.test/", mode: "replay" }).success).toBe(
      false,
    );
    expect(replayInputSchema.safeParse({ url: "http://a.test/", timeout_ms: 50 }).success).toBe(
      false,
    );
    expect(
      replayInputSchema.safeParse({ url: "http://a.test/", timeout_ms: 120_001 }).success,
    ).toBe(false);
  });

  it("takes only the fields of the mode it is given, and names the modes when it is none", () => {
    expect(
      replayInputSchema.parse({ url: "http://a.test/", mode: "endpoint", endpoint_id: "e1" }),
    ).toEqual({ url: "http://a.test/", mode: "endpoint", endpoint_id: "e1" });
    // An endpoint given in another mode is not used, so it is not kept either.
    expect(
      replayInputSchema.parse({ url: "http://a.test/", mode: "exact", endpoint_id: "e1" }),
    ).toEqual({ url: "http://a.test/", mode: "exact" });
    expect(
      issues(
        replayInputSchema.safeParse({ url: "http://a.test/", mode: "endpoint", endpoint_id: "" }),
      ),
    ).toEqual([["endpoint_id", "endpoint mode needs the endpoint whose robot settings to use"]]);
    expect(issues(replayInputSchema.safeParse({ url: "http://a.test/", headers: {} }))).toEqual([
      ["headers", "headers and body can only be given in edited mode"],
    ]);
    expect(issues(replayInputSchema.safeParse({ url: "http://a.test/", mode: "replay" }))).toEqual([
      ["mode", 'Invalid option: expected one of "exact"|"endpoint"|"edited"'],
    ]);
  });
});

describe("bulkInputSchema", () => {
  it("keeps the filter as given and refuses unknown names instead of ignoring them", () => {
    const input = bulkInputSchema.parse({
      url: "http://a.test/",
      filter: { resource_type: "server,disk", action: "create" },
    });
    expect(input).toMatchObject({
      mode: "exact",
      dry_run: false,
      filter: { resource_type: "server,disk", action: "create" },
    });
    expect(bulkInputSchema.parse({ url: "http://a.test/" }).filter).toEqual({});
    expect(
      issues(
        bulkInputSchema.safeParse({ url: "http://a.test/", filter: { resourcetype: "server" } }),
      )[0]?.[0],
    ).toBe("filter.resourcetype");
    expect(
      issues(
        bulkInputSchema.safeParse({ url: "http://a.test/", filter: { until: "soon" } }),
      )[0]?.[0],
    ).toBe("filter.until");
  });

  it("has no edited mode, bounds concurrency and needs an endpoint for endpoint mode", () => {
    expect(issues(bulkInputSchema.safeParse({ url: "http://a.test/", mode: "edited" }))).toEqual([
      ["mode", 'Invalid option: expected one of "exact"|"endpoint"'],
    ]);
    expect(bulkInputSchema.safeParse({ url: "http://a.test/", concurrency: 0 }).success).toBe(
      false,
    );
    expect(bulkInputSchema.safeParse({ url: "http://a.test/", concurrency: 17 }).success).toBe(
      false,
    );
    expect(
      issues(bulkInputSchema.safeParse({ url: "http://a.test/", mode: "endpoint" }))[0]?.[0],
    ).toBe("endpoint_id");
    expect(issues(bulkInputSchema.safeParse({}))).toEqual([["url", "url is required"]]);
    expect(bulkInputSchema.parse({ dry_run: true })).toMatchObject({ mode: "exact", filter: {} });
  });
});

describe("acceptsInput", () => {
  it("says no, without throwing, to a filter whose search does not parse", () => {
    const input = { url: "http://a.test/", filter: { q: '"' } };
    expect(() => bulkInputSchema.safeParse(input)).toThrow();
    expect(acceptsInput(bulkInputSchema, input)).toBe(false);
    expect(acceptsInput(bulkInputSchema, { url: "http://a.test/", filter: { q: "disk" } })).toBe(
      true,
    );
  });
});
