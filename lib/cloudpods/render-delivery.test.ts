import { describe, expect, it } from "vitest";
import { defaultTemplateText, renderDelivery, resourceLabel } from "./render-delivery";
import { verifySignature } from "./verify-signature";

const event = {
  action: "update",
  resource_type: "host",
  result: "succeed",
  resource_details: { id: "h", name: "主机" },
};

describe("renderDelivery", () => {
  it("builds the body as the platform does: message, message again as a string, robot body last", () => {
    const { body } = renderDelivery(
      { kind: "event", event },
      { msgKey: "test", body: { body_test: "test" } },
    );
    expect(body).toBe(
      '{"action":"update","body_test":"test","resource_details":{"id":"h","name":"主机"},"resource_type":"host","result":"succeed",' +
        '"test":"{\\"action\\":\\"update\\",\\"resource_details\\":{\\"id\\":\\"h\\",\\"name\\":\\"主机\\"},\\"resource_type\\":\\"host\\",\\"result\\":\\"succeed\\"}"}',
    );
  });

  it("applies robot headers after the defaults, skips non-strings, and signs last", () => {
    const { headers, body } = renderDelivery(
      { kind: "event", event },
      { header: { "User-Agent": "custom", "X-Count": 3, "X-Auth-Token": "mine" }, secretKey: "k" },
    );
    expect(headers).toContainEqual(["User-Agent", "custom"]);
    expect(headers.find(([name]) => name === "X-Count")).toBeUndefined();
    expect(headers).toContainEqual(["X-Yunion-Event", "HOST/UPDATE"]);
    const token = headers.find(([name]) => name === "X-Auth-Token")?.[1];
    expect(verifySignature("k", Buffer.from(body), token)).toBe(true);
  });

  it("names failed events with their result", () => {
    const { headers } = renderDelivery({
      kind: "event",
      event: { ...event, action: "start", result: "failed" },
    });
    expect(headers).toContainEqual(["X-Yunion-Event", "HOST/START/FAILED"]);
  });

  it("renders template mode as Msg text with the event header kept", () => {
    const { headers, body } = renderDelivery(
      { kind: "event", event, templateText: "主机 已更新" },
      { useTemplate: true, body: { a: "b" } },
    );
    expect(body).toBe('{"Msg":"主机 已更新","a":"b"}');
    expect(headers).toContainEqual(["X-Yunion-Event", "HOST/UPDATE"]);
  });

  it("renders text messages without an event header", () => {
    const { headers, body } = renderDelivery(
      { kind: "text", text: "This is a verification message, please ignore." },
      { msgKey: "m" },
    );
    expect(body).toBe('{"m":"This is a verification message, please ignore."}');
    expect(headers.map(([name]) => name)).not.toContain("X-Yunion-Event");
  });
});

describe("resourceLabel", () => {
  it("takes the name, else the id, and prints numbers", () => {
    expect(resourceLabel({ id: "h", name: "主机" })).toBe("主机");
    expect(resourceLabel({ id: "d-1" })).toBe("d-1");
    expect(resourceLabel({ id: 42, name: null })).toBe("42");
  });

  it("never prints an object as [object Object]", () => {
    expect(resourceLabel({ name: { cn: "主机" }, id: "h-1" })).toBe("h-1");
    expect(resourceLabel({ name: ["a"] })).toBe("");
    expect(
      defaultTemplateText({ ...event, resource_details: { name: { cn: "x" }, id: "h-2" } }),
    ).toBe("host h-2 update succeeded");
  });
});
