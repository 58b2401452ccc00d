import { describe, expect, it } from "vitest";
import {
  PORTED_SUMMARY,
  UNPORTED_FEATURES,
  UNPORTED_JOBS,
  unportedFeature,
} from "./postgres-coverage";

describe("what serves on PostgreSQL", () => {
  it("passes the ported API and every page", () => {
    for (const path of [
      "/api/endpoints",
      "/api/endpoints/ep_1/stats",
      "/api/endpoints/public-url",
      "/api/auth/login",
      "/api/replays/destinations/3",
      "/api/hooks/abc",
      "/api/events",
      "/api/events/stream",
      "/api/events/12",
      "/api/resources",
      "/api/resources/types",
      "/api/resources/noise-fields",
      "/api/resources/timeline-steps",
      "/api/resources/server/srv-1",
      "/api/resources/server/srv-1/state",
      "/api/resources/server/srv-1/compare/",
      "/api/resources/server/%E4%BA%91%20x%2Fa%3Fb",
      "/api/changes",
      "/api/events/facets",
      "/api/events/export",
      "/api/events/12/replay",
      "/api/events/12/replays",
      "/api/replays",
      "/api/replays/7",
      "/api/replays/7/retry",
      "/api/replays/bulk",
      "/api/replays/bulk/3",
      "/api/replays/bulk/3/cancel",
      "/api/replays/bulk/3/stream",
      "/api/stats",
      "/api/stats/failures",
      "/api/stats/top-resources",
      "/api/stats/latest-failures/",
      "/api/search",
      "/api/search/fields",
      "/api/search/rebuild",
      "/api/events/12/forwards",
      "/api/forwards",
      "/api/forwards/dry-run",
      "/api/forwards/stream",
      "/api/forwards/3",
      "/api/forwards/3/attempts",
      "/api/forwards/3/dead",
      "/api/forwards/3/dead/retry",
      "/api/forwards/3/pause",
      "/api/forwards/3/resume",
      "/setup",
      "/",
    ])
      expect(unportedFeature(path), path).toBeNull();
  });

  it("names what each unported path is, and refuses an API it does not know", () => {
    expect(unportedFeature("/api/forwards/3/more")).toBe("this API");
    expect(unportedFeature("/api/forwards/x")).toBe("this API");
    expect(unportedFeature("/api/hooks/abc/more")).toBe("this API");
    expect(unportedFeature("/api/replays/bulk/x")).toBe("this API");
    expect(unportedFeature("/api/replays/bulk/1/more")).toBe("this API");
    expect(unportedFeature("/api/endpointsx")).toBe("this API");
    expect(unportedFeature("/api/resources/typesx")).toBe("this API");
    expect(unportedFeature("/api/resources/server/srv-1/other")).toBe("this API");
    expect(unportedFeature("/api/changes/x")).toBe("this API");
    expect(unportedFeature("/api/new-thing")).toBe("this API");
    expect(unportedFeature("/api/stats/other")).toBe("this API");
  });

  it("names bulk replays among what serves, not among what does not", () => {
    expect(PORTED_SUMMARY).toContain("bulk replays");
    expect(UNPORTED_FEATURES.map((entry) => entry.feature)).not.toContain("bulk replays");
  });

  it("names payload search among what serves, and its index among what runs", () => {
    expect(PORTED_SUMMARY).toContain("payload search");
    expect(UNPORTED_FEATURES.map((entry) => entry.feature)).not.toContain("payload search");
    expect(UNPORTED_JOBS).not.toContain("the payload search index");
  });

  it("names the stats and their rollups among what serves and runs", () => {
    expect(PORTED_SUMMARY).toContain("the stats");
    expect(UNPORTED_FEATURES.map((entry) => entry.feature)).not.toContain("stats");
    expect(UNPORTED_JOBS).not.toContain("stats rollups");
  });

  it("names timelines and field changes among what serves, and their keeper among what runs", () => {
    expect(PORTED_SUMMARY).toContain("timelines");
    expect(PORTED_SUMMARY).toContain("field changes");
    const unported = UNPORTED_FEATURES.map((entry) => entry.feature);
    expect(unported).not.toContain("timelines and diffs");
    expect(unported).not.toContain("field changes");
    expect(UNPORTED_JOBS).not.toContain("the timeline keeper");
  });

  it("names the dictionary learner and the planner statistics among what runs", () => {
    expect(PORTED_SUMMARY).toContain("compression dictionary");
    expect(PORTED_SUMMARY).toContain("planner's statistics");
    expect(UNPORTED_JOBS).not.toContain("the compression dictionary learner");
    expect(UNPORTED_JOBS).not.toContain("the planner statistics (ANALYZE)");
  });

  it("names forwarding among what serves and runs", () => {
    expect(PORTED_SUMMARY).toContain("forwarding rules");
    expect(UNPORTED_FEATURES.map((entry) => entry.feature)).not.toContain("forwarding rules");
    expect(UNPORTED_JOBS).not.toContain("forwarding");
  });

  it("does not let a ported prefix lead elsewhere", () => {
    expect(unportedFeature("/api/resources/server/..%2F..%2Fforwards")).toBe("this API");
    expect(unportedFeature("/api/resources/server/%2e%2e/x")).toBe("this API");
    expect(unportedFeature("/api/endpoints/../events")).toBe("this API");
    expect(unportedFeature("/api/endpoints/%2e%2e/events")).toBe("this API");
    expect(unportedFeature("/api/endpoints//x")).toBe("this API");
  });
});
