import { describe, expect, it } from "vitest";
import { getHeader } from "../cloudpods/headers";
import { parseDelivery } from "../cloudpods/parse-delivery";
import { verifySignature } from "../cloudpods/verify-signature";
import { KNOWN_ACTIONS, KNOWN_RESOURCE_TYPES } from "../cloudpods/vocabulary";
import { findTopic, PLATFORM_TOPICS, RECOMMENDED_TOPICS } from "./platform-topics";
import { previewDelivery } from "./preview-delivery";
import { sampleEvent } from "./sample-event";

const at = new Date("2026-11-28T10:00:00.123Z");

describe("previewDelivery", () => {
  const robot = {
    header: { "X-Team": "ops", "X-N": 3 },
    body: { env: "prod" },
    msgKey: "content",
    secretKey: "k",
  };

  it("shows the event as sent: event header, robot headers, message under msg_key, body extras, a valid token", () => {
    const { event, template } = previewDelivery(
      robot,
      sampleEvent(findTopic("resource update"), at),
    );
    expect(template).toBeNull();
    expect(getHeader(event.headers, "X-Yunion-Event")).toBe("SERVER/UPDATE");
    expect(getHeader(event.headers, "X-Team")).toBe("ops");
    expect(getHeader(event.headers, "X-N")).toBeNull();
    expect(getHeader(event.headers, "Content-Length")).toBe(String(Buffer.byteLength(event.body)));
    expect(
      verifySignature("k", Buffer.from(event.body), getHeader(event.headers, "X-Auth-Token")),
    ).toBe(true);
    const body = JSON.parse(event.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      env: "prod",
      action: "update",
      resource_type: "server",
      result: "succeed",
    });
    expect(JSON.parse(body.content as string)).toMatchObject({
      action: "update",
      resource_details: { name: "hooklens-sample-server" },
    });
    const parsed = parseDelivery({
      headers: event.headers,
      text: event.body,
      robot: { msgKey: "content" },
    });
    expect(parsed).toMatchObject({ kind: "event", messageKey: "content", warnings: [] });
  });

  it("adds the template-mode variant when use_template is on, still with the event header", () => {
    const { template } = previewDelivery(
      { ...robot, useTemplate: true },
      sampleEvent(undefined, at),
      "server web-1 create succeeded",
    );
    // The text goes under the robot's msg_key, as the platform puts it.
    expect(JSON.parse(template!.body)).toEqual({
      content: "server web-1 create succeeded",
      env: "prod",
    });
    expect(getHeader(template!.headers, "X-Yunion-Event")).toBe("SERVER/CREATE");
    expect(
      verifySignature(
        "k",
        Buffer.from(template!.body),
        getHeader(template!.headers, "X-Auth-Token"),
      ),
    ).toBe(true);
  });

  it("shows the validation message with msg_key and body extras and no event header", () => {
    const { validation } = previewDelivery(robot, sampleEvent(undefined, at));
    expect(JSON.parse(validation.body)).toEqual({
      content: "This is a verification message, please ignore.",
      env: "prod",
    });
    expect(getHeader(validation.headers, "X-Yunion-Event")).toBeNull();
    expect(
      parseDelivery({
        headers: validation.headers,
        text: validation.body,
        robot: { msgKey: "content" },
      }).kind,
    ).toBe("verification");
  });

  it("names failed topics' events with their result", () => {
    const { event } = previewDelivery({}, sampleEvent(findTopic("resource operation failed"), at));
    expect(getHeader(event.headers, "X-Yunion-Event")).toBe("SERVER/START/FAILED");
    expect(getHeader(event.headers, "X-Auth-Token")).toBeNull();
  });
});

describe("platform topics", () => {
  it("holds the default set the wire document lists, recommended", () => {
    for (const name of [
      "resource create or delete",
      "resource change config",
      "resource update",
      "resource operation failed",
      "resource operation successed",
      "resource sync",
      "system exception event",
      "resource release",
      "resource attach or detach",
      "resource status changed",
      "user lock",
      "password expire",
    ]) {
      expect(RECOMMENDED_TOPICS, name).toContain(name);
    }
    expect(new Set(PLATFORM_TOPICS.map((t) => t.name)).size).toBe(PLATFORM_TOPICS.length);
  });

  it("speaks the platform's vocabulary", () => {
    for (const t of PLATFORM_TOPICS) {
      for (const r of t.resources)
        expect(KNOWN_RESOURCE_TYPES as readonly string[], `${t.name}: ${r}`).toContain(r);
      for (const a of t.actions)
        expect(KNOWN_ACTIONS as readonly string[], `${t.name}: ${a}`).toContain(a);
    }
  });
});
