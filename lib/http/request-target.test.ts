import { describe, expect, it } from "vitest";
import { refuseRequestTarget } from "./request-target";

describe("refuseRequestTarget", () => {
  it("refuses paths whose percent-escapes are not UTF-8, which Next would answer 500", () => {
    for (const target of [
      "/api/endpoints/%ff",
      "/events/%E4%B8%AD%ff",
      "/a/%",
      "/a/%zz",
      "/%c0%af",
      "/api/endpoints/%00",
      "/api/endpoints/a%00b/stats",
    ])
      expect(refuseRequestTarget("GET", target)?.status, target).toBe(400);
  });

  it("lets every well-formed path through, whatever its query", () => {
    for (const target of [
      "/",
      "/api/events/12",
      "/events/%E4%B8%AD",
      "/api/events?since=%ff",
      "/a%20b",
    ])
      expect(refuseRequestTarget("GET", target), target).toBeNull();
  });

  it("answers methods Hooklens has no handler kind for with 405", () => {
    expect(refuseRequestTarget("TRACE", "/")?.status).toBe(405);
    expect(refuseRequestTarget("PROPFIND", "/api/events")?.status).toBe(405);
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
      expect(refuseRequestTarget(method, "/api/events")).toBeNull();
  });
});
