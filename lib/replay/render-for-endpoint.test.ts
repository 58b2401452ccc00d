import { describe, expect, it } from "vitest";
import { getHeader } from "../cloudpods/headers";
import { parseDelivery } from "../cloudpods/parse-delivery";
import {
  renderDelivery,
  type EventMessage,
  type RobotSettings,
} from "../cloudpods/render-delivery";
import { verifySignature } from "../cloudpods/verify-signature";
import { eventMessageOf, renderForEndpoint, type StoredMessage } from "./render-for-endpoint";

const event: EventMessage = {
  action: "start",
  resource_type: "server",
  result: "failed",
  resource_details: { id: "s-1", name: "名前 <web>", status: "start_fail" },
};

/** A delivery as stored and read back: what get-delivery.ts hands the replay. */
function stored(
  rendered: { headers: Array<[string, string]>; body: string },
  robot: RobotSettings = {},
): StoredMessage {
  const parsed = parseDelivery({ headers: rendered.headers, text: rendered.body, robot });
  return {
    kind: parsed.kind,
    event_type: parsed.eventType,
    payload: parsed.payload,
    message: parsed.message,
    resource_type: parsed.resourceType,
    action: parsed.action,
    result: parsed.result,
  };
}

const target: RobotSettings = {
  header: { "X-Team": "ops", "X-Number": 5 },
  body: { env: "staging" },
  msgKey: "content",
  secretKey: "other-endpoint-secret",
};

describe("renderForEndpoint", () => {
  it("re-renders an event for another robot, signed with its secret", () => {
    const original = stored(
      renderDelivery(
        { kind: "event", event },
        { msgKey: "m", body: { team: "a" }, secretKey: "old" },
      ),
      { msgKey: "m" },
    );
    const out = renderForEndpoint(original, target);
    if (!out.ok) throw new Error(out.reason);
    const expected = renderDelivery(
      { kind: "event", event, eventType: "SERVER/START/FAILED" },
      target,
    );
    expect(out.body.toString()).toBe(expected.body);
    expect(out.headers).toEqual(expected.headers);
    expect(getHeader(out.headers, "X-Team")).toBe("ops");
    expect(getHeader(out.headers, "X-Number")).toBeNull();
    const body = JSON.parse(out.body.toString()) as Record<string, unknown>;
    expect(body).toMatchObject({ env: "staging", action: "start", result: "failed" });
    expect(body.team).toBeUndefined();
    expect(typeof body.content).toBe("string");
    expect(
      verifySignature("other-endpoint-secret", out.body, getHeader(out.headers, "X-Auth-Token")),
    ).toBe(true);
    expect(verifySignature("old", out.body, getHeader(out.headers, "X-Auth-Token"))).toBe(false);
  });

  it("keeps the event type the delivery carried", () => {
    const rendered = renderDelivery({
      kind: "event",
      event: { ...event, result: "succeed" },
      eventType: "SERVER/START/SUCCEED",
    });
    const out = renderForEndpoint(stored(rendered), {});
    expect(out.ok && getHeader(out.headers, "X-Yunion-Event")).toBe("SERVER/START/SUCCEED");
  });

  it("renders template text when the target robot uses templates", () => {
    const out = renderForEndpoint(stored(renderDelivery({ kind: "event", event })), {
      useTemplate: true,
    });
    expect(out.ok && JSON.parse(out.body.toString())).toEqual({
      Msg: "server 名前 <web> start failed",
    });
    expect(out.ok && getHeader(out.headers, "X-Auth-Token")).toBeNull();
  });

  it("re-renders text and each validation variant with their event header as received", () => {
    const cases: Array<[string | null, string]> = [
      [null, "This is a verification message, please ignore."],
      ["", "This is a verification message, please ignore."],
      ["VALIDATE", "This is a validate message."],
      ["SERVER/CREATE", "server web created"],
    ];
    for (const [eventType, text] of cases) {
      const out = renderForEndpoint(stored(renderDelivery({ kind: "text", text, eventType })), {
        msgKey: "content",
      });
      if (!out.ok) throw new Error(out.reason);
      expect(JSON.parse(out.body.toString())).toEqual({ content: text });
      expect(getHeader(out.headers, "X-Yunion-Event")).toBe(eventType);
    }
  });

  it("falls back to the body's event fields when a robot body key replaced the message", () => {
    const rendered = renderDelivery({ kind: "event", event }, { body: { Msg: "overwritten" } });
    const original = stored(rendered);
    expect(eventMessageOf(original)).toEqual(event);
  });

  it("refuses what cannot be re-rendered", () => {
    const unparsed: StoredMessage = {
      kind: "unparsed",
      event_type: null,
      payload: null,
      message: null,
      resource_type: null,
      action: null,
      result: null,
    };
    expect(renderForEndpoint(unparsed, {})).toEqual({
      ok: false,
      reason: "an unparsed delivery can only be replayed exactly",
    });
    expect(renderForEndpoint({ ...unparsed, kind: "text" }, {})).toMatchObject({ ok: false });
    expect(renderForEndpoint({ ...unparsed, kind: "event", payload: {} }, {})).toMatchObject({
      ok: false,
    });
  });
});
