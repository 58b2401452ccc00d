import { describe, expect, it } from "vitest";
import { loadReleaseFixtures } from "../../tests/support/release-fixtures";
import { eventDetailsOfBody, resourceDetailsFromBody } from "./resource-details-from-body";

const event = { action: "update", resource_type: "server", resource_details: { id: "s-1" } };

describe("resourceDetailsFromBody", () => {
  it("reads the details of an event body", () => {
    const body = JSON.stringify({ ...event, Msg: JSON.stringify(event) });
    expect(resourceDetailsFromBody(body, "Msg")).toEqual({ id: "s-1" });
  });

  it("reads the event under the message key when the body holds only the message", () => {
    const body = JSON.stringify({ text: JSON.stringify(event), extra: 1 });
    expect(resourceDetailsFromBody(body, "text")).toEqual({ id: "s-1" });
    expect(resourceDetailsFromBody(body, null)).toBeNull();
  });

  it("gives null for template text, non-object details and bodies that are not JSON", () => {
    expect(
      resourceDetailsFromBody(JSON.stringify({ Msg: "Server web-1 created" }), "Msg"),
    ).toBeNull();
    expect(
      resourceDetailsFromBody(JSON.stringify({ ...event, resource_details: [1] }), "Msg"),
    ).toBeNull();
    expect(resourceDetailsFromBody("{not json", "Msg")).toBeNull();
    expect(resourceDetailsFromBody("[1,2]", "Msg")).toBeNull();
  });
});

describe("eventDetailsOfBody", () => {
  it("reads from a parsed body what resourceDetailsFromBody reads from its text", () => {
    for (const fixture of loadReleaseFixtures()) {
      let body: unknown;
      try {
        body = JSON.parse(fixture.body);
      } catch {
        continue; // not strict JSON: the receiver does not hand such a body on
      }
      const details = eventDetailsOfBody(body);
      if (details === undefined) continue; // the event is in the message text
      expect(details, fixture.name).toEqual(resourceDetailsFromBody(fixture.body, "Msg"));
    }
  });

  it("leaves a body without event fields to the message text", () => {
    expect(eventDetailsOfBody({ text: JSON.stringify(event) })).toBeUndefined();
    expect(eventDetailsOfBody({ ...event, resource_details: "x" })).toBeNull();
    expect(eventDetailsOfBody([1])).toBeNull();
  });
});
