import { describe, expect, it } from "vitest";
import { formatEventType, parseEventType } from "./event-type";

describe("parseEventType", () => {
  it.each([
    ["SERVER/CREATE", { resourceType: "server", action: "create", result: null }],
    ["SERVER/START/FAILED", { resourceType: "server", action: "start", result: "failed" }],
    ["HOST/HOST_DOWN/SUCCEED", { resourceType: "host", action: "host_down", result: "succeed" }],
    ["DISK/SYNC_DELETE", { resourceType: "disk", action: "sync_delete", result: null }],
    [" user/lock/succeed ", { resourceType: "user", action: "lock", result: "succeed" }],
    ["QUANTUM/TELEPORT", { resourceType: "quantum", action: "teleport", result: null }],
  ])("reads %s", (value, expected) => {
    expect(parseEventType(value)).toEqual(expected);
  });

  it.each([
    [null],
    [undefined],
    [""],
    ["VALIDATE"],
    ["A/B/C/D"],
    ["SERVER/"],
    ["/CREATE"],
    ["SERVER//FAILED"],
  ])("refuses %s", (value) => {
    expect(parseEventType(value)).toBeNull();
  });

  it("formats the way the platform does", () => {
    expect(formatEventType("server", "create")).toBe("SERVER/CREATE");
    expect(formatEventType("host", "host_down", "succeed")).toBe("HOST/HOST_DOWN/SUCCEED");
  });
});
