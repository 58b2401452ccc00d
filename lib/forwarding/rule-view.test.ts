import { describe, expect, it } from "vitest";
import { median, parseRuleFilter, ruleHealth } from "./rule-view";

const rule = { enabled: 1, paused: 0, failing_since: null, last_success_at: null };

describe("ruleHealth", () => {
  it("says idle before the first success and healthy after", () => {
    expect(ruleHealth(rule, 0, 1000)).toBe("idle");
    expect(ruleHealth({ ...rule, last_success_at: 5 }, 10, 1000)).toBe("healthy");
  });

  it("says failing at once and down once the failure lasts", () => {
    expect(ruleHealth({ ...rule, failing_since: 100 }, 500, 1000)).toBe("failing");
    expect(ruleHealth({ ...rule, failing_since: 100 }, 1100, 1000)).toBe("down");
  });

  it("puts disabled before paused before failures", () => {
    expect(ruleHealth({ ...rule, enabled: 0, paused: 1, failing_since: 1 }, 9e9, 1)).toBe(
      "disabled",
    );
    expect(ruleHealth({ ...rule, paused: 1, failing_since: 1 }, 9e9, 1)).toBe("paused");
  });
});

describe("median", () => {
  it("takes the middle, or the rounded mean of the two middles", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 9])).toBe(5);
    expect(median([4, 1, 2, 9])).toBe(3);
  });
});

describe("parseRuleFilter", () => {
  it("reads a stored filter as the feed's and ignores what does not parse", () => {
    expect(parseRuleFilter('{"result":"failed","action":"create,delete"}')).toEqual({
      result: ["failed"],
      action: ["create", "delete"],
    });
    expect(parseRuleFilter("not json")).toEqual({});
  });
});
