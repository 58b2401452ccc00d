import { describe, expect, it } from "vitest";
import { parseDelivery } from "./parse-delivery";
import { renderDelivery, type EventMessage } from "./render-delivery";

const event: EventMessage = {
  action: "change_config",
  resource_type: "server",
  result: "succeed",
  resource_details: { id: "s-1", name: "测试机", status: "running", vmem_size: 4096 },
};

function parse(delivery: { headers: Array<[string, string]>; body: string }, msgKey?: string) {
  return parseDelivery({ headers: delivery.headers, text: delivery.body, robot: { msgKey } });
}

describe("parseDelivery: events", () => {
  it("reads the default Msg body", () => {
    const parsed = parse(renderDelivery({ kind: "event", event }));
    expect(parsed).toMatchObject({
      kind: "event",
      eventType: "SERVER/CHANGE_CONFIG",
      resourceType: "server",
      action: "change_config",
      result: "succeed",
      resourceId: "s-1",
      resourceName: "测试机",
      messageKey: "Msg",
      warnings: [],
    });
    expect(JSON.parse(parsed.message!)).toEqual(event);
  });

  it("finds a custom msg_key the endpoint was told about, or was not", () => {
    const delivery = renderDelivery(
      { kind: "event", event },
      { msgKey: "content", body: { env: "prod" } },
    );
    expect(parse(delivery, "content")).toMatchObject({ messageKey: "content", warnings: [] });
    expect(parse(delivery)).toMatchObject({ messageKey: "content", warnings: [] });
  });

  it("flags a robot body key that replaced the message", () => {
    const overwritten = renderDelivery({ kind: "event", event }, { body: { Msg: "fixed text" } });
    expect(parse(overwritten)).toMatchObject({
      kind: "event",
      messageKey: "Msg",
      message: "fixed text",
      warnings: ["message_overwritten"],
    });
    const custom = renderDelivery({ kind: "event", event }, { msgKey: "k", body: { k: "x" } });
    expect(parse(custom, "k")).toMatchObject({
      messageKey: "k",
      message: "x",
      warnings: ["message_overwritten"],
    });
  });

  it("reads an event carried only as the message string", () => {
    const body = JSON.stringify({ Msg: JSON.stringify(event) });
    expect(parse({ headers: [], body })).toMatchObject({
      kind: "event",
      resourceId: "s-1",
      action: "change_config",
    });
  });

  it("takes fields from the body over the header, and the header when the body has none", () => {
    const headers: Array<[string, string]> = [["X-Yunion-Event", "HOST/UPDATE"]];
    expect(parse({ headers, body: JSON.stringify(event) })).toMatchObject({
      resourceType: "server",
      action: "change_config",
    });
    const partial = JSON.stringify({ resource_details: { id: "h-1" } });
    expect(parse({ headers, body: partial })).toMatchObject({
      kind: "event",
      resourceType: "host",
      action: "update",
      result: "succeed",
    });
  });

  it("takes the result from a 3.7 topic header when the bare body has none, without a warning", () => {
    const { result, ...bare } = event;
    expect(result).toBe("succeed");
    const delivery = renderDelivery(
      {
        kind: "event",
        event: { ...bare, result: "failed" },
        eventType: "SERVER/CHANGE_CONFIG/FAILED",
      },
      {},
      [],
      { release: "3.7" },
    );
    expect(JSON.parse(delivery.body)).not.toHaveProperty("result");
    expect(parse(delivery)).toMatchObject({ kind: "event", result: "failed", warnings: [] });
  });

  it("falls back to the name as the resource key when there is no id", () => {
    const body = JSON.stringify({ ...event, resource_details: { name: "only-name" } });
    expect(parse({ headers: [], body })).toMatchObject({
      resourceId: "only-name",
      resourceName: "only-name",
    });
  });

  it("lower-cases the vocabulary and keeps unknown values", () => {
    const body = JSON.stringify({
      action: "TELEPORT",
      resource_type: "Quantum_VM",
      result: "FAILED",
      resource_details: {},
    });
    expect(parse({ headers: [], body })).toMatchObject({
      action: "teleport",
      resourceType: "quantum_vm",
      result: "failed",
      resourceId: null,
    });
  });

  it("reads pretty-printed JSON", () => {
    expect(parse({ headers: [], body: JSON.stringify(event, null, 4) })).toMatchObject({
      kind: "event",
      resourceId: "s-1",
    });
  });
});

describe("parseDelivery: messages without an event", () => {
  it.each([
    ["current (no header)", [], '{"Msg":"This is a verification message, please ignore."}'],
    [
      "2022 (empty header)",
      [["X-Yunion-Event", ""]],
      '{"Msg":"This is a verification message, please ignore."}',
    ],
    [
      "product page (VALIDATE)",
      [["X-Yunion-Event", "VALIDATE"]],
      '{"Msg":"This is a validate message."}',
    ],
    [
      "custom msg_key with body extras",
      [],
      '{"env":"prod","text":"This is a verification message, please ignore."}',
    ],
  ] as Array<[string, Array<[string, string]>, string]>)(
    "recognises the %s validation",
    (_name, headers, body) => {
      expect(parse({ headers, body }).kind).toBe("verification");
    },
  );

  it("reads template text with the event from the header", () => {
    const delivery = renderDelivery(
      { kind: "event", event, templateText: "虚拟机 测试机 配置已变更" },
      { useTemplate: true },
    );
    expect(parse(delivery)).toMatchObject({
      kind: "text",
      resourceType: "server",
      action: "change_config",
      result: null,
      message: "虚拟机 测试机 配置已变更",
    });
  });

  it("keeps other text as text", () => {
    expect(parse({ headers: [], body: '{"Msg":"alert: disk full"}' })).toMatchObject({
      kind: "text",
      eventType: null,
      message: "alert: disk full",
    });
  });
});

describe("parseDelivery: what cannot be read", () => {
  it("marks invalid UTF-8, invalid JSON, non-objects and deep nesting as unparsed", () => {
    expect(parseDelivery({ headers: [], text: null })).toMatchObject({
      kind: "unparsed",
      parseError: "body is not valid UTF-8",
    });
    expect(parse({ headers: [], body: "{nope" })).toMatchObject({
      kind: "unparsed",
      payload: null,
    });
    expect(parse({ headers: [], body: "[1,2]" })).toMatchObject({
      kind: "unparsed",
      payload: [1, 2],
    });
    const deep = parseDelivery({
      headers: [],
      text: "[".repeat(100) + "]".repeat(100),
      maxDepth: 64,
    });
    expect(deep.parseError).toMatch(/deeper than 64/);
  });

  it("still reads the event header of an unparsed body", () => {
    expect(parse({ headers: [["X-Yunion-Event", "DISK/DELETE"]], body: "oops" })).toMatchObject({
      kind: "unparsed",
      resourceType: "disk",
      action: "delete",
    });
  });
});
