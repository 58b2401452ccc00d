import { describe, expect, it } from "vitest";
import { completeField, fieldPrefixAt } from "./complete-field";

describe("field completion", () => {
  it.each([
    ["sta", "sta"],
    ["web sta", "sta"],
    ["-sta", "sta"],
    ["metadata.ow", "metadata.ow"],
    ["status:", null],
    ["status:run", null],
    ['"sta', null],
    ["web ", null],
    ["", null],
    ["10.168", null],
  ])("completes %j from %j", (query, prefix) => {
    expect(fieldPrefixAt(query)).toBe(prefix);
  });

  it("replaces the word being typed by the field and a colon, keeping the rest", () => {
    expect(completeField("web sta", "status")).toBe("web status:");
    expect(completeField("-ho", "host")).toBe("-host:");
    expect(completeField("nics.m", "nics.mac")).toBe("nics.mac:");
    expect(completeField("status:run", "status")).toBe("status:run");
  });
});
