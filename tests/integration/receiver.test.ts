import { describe, expect, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { createEndpoint, sendDelivery } from "../support/api";
import { loadSamples } from "../support/samples";
import { deliveryDetail, serverEvent } from "../support/receiver";
import { TRANSPORTS } from "../support/transports";
describe.each(TRANSPORTS)("receiver via %s", (_name, base) => {
  it("reads every fixture delivery back with its expected fields and exact bytes", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    for (const sample of loadSamples()) {
      const answer = await sendDelivery(endpoint.receiver_url, sample);
      expect(answer.status, sample.name).toBe(200);
      const event = await deliveryDetail(baseUrl, answer.body.id);
      const { secret_fields: secretFields, ...fields } = sample.expect;
      expect(event, sample.name).toMatchObject(fields);
      if (secretFields) {
        expect(event.secret_fields).toEqual(secretFields);
        expect(event.body).not.toContain("Sup3r-Secret!");
        expect(event.body.length).toBeLessThan(sample.body.length);
      } else {
        expect(event.body, sample.name).toBe(sample.body);
      }
      for (const [name, value] of Object.entries(sample.headers)) {
        const stored = event.headers.find(([key]) => key.toLowerCase() === name.toLowerCase());
        expect(stored?.[1], `${sample.name} header ${name}`).toBe(value);
      }
    }
  });

  it("handles a custom msg_key, robot body extras, and a body key that overwrote the message", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl, { msg_key: "content" });
    const custom = renderDelivery(
      { kind: "event", event: serverEvent() },
      { msgKey: "content", body: { team: "ops" } },
    );
    const ok = await sendDelivery(endpoint.receiver_url, custom);
    expect(ok.status).toBe(200);
    const event = await deliveryDetail(baseUrl, ok.body.id);
    expect(event).toMatchObject({
      kind: "event",
      message_key: "content",
      warnings: [],
      resource_id: "srv-1",
    });
    expect(JSON.parse(event.message as string)).toMatchObject({
      action: "update",
      resource_type: "server",
    });

    // The platform merges the robot body last: a body key equal to msg_key replaces the message.
    const overwritten = renderDelivery(
      { kind: "event", event: serverEvent() },
      { msgKey: "content", body: { content: "hello" } },
    );
    const bad = await sendDelivery(endpoint.receiver_url, overwritten);
    expect(bad.status).toBe(200);
    expect(await deliveryDetail(baseUrl, bad.body.id)).toMatchObject({
      kind: "event",
      warnings: ["message_overwritten"],
      message: "hello",
      resource_name: "vm-1",
    });
  });

  it("classifies the three validation variants, template text and plain text", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const cases: Array<[Record<string, string>, string, Record<string, unknown>]> = [
      [
        {},
        '{"Msg":"This is a verification message, please ignore."}',
        { kind: "verification", event_type: null },
      ],
      [
        { "X-Yunion-Event": "" },
        '{"Msg":"This is a verification message, please ignore."}',
        { kind: "verification", event_type: "" },
      ],
      [
        { "X-Yunion-Event": "VALIDATE" },
        '{"Msg":"This is a validate message."}',
        { kind: "verification", event_type: "VALIDATE" },
      ],
      [
        { "X-Yunion-Event": "SERVER/START/FAILED" },
        '{"Msg":"虚拟机 测试机-1 启动失败"}',
        {
          kind: "text",
          resource_type: "server",
          action: "start",
          result: "failed",
          message: "虚拟机 测试机-1 启动失败",
        },
      ],
      [
        {},
        '{"Msg":"monitor alert: cpu > 90%"}',
        { kind: "text", event_type: null, message: "monitor alert: cpu > 90%" },
      ],
    ];
    for (const [headers, body, expected] of cases) {
      const answer = await sendDelivery(endpoint.receiver_url, {
        headers: { "Content-Type": "application/json", ...headers },
        body,
      });
      expect(answer.status).toBe(200);
      expect(await deliveryDetail(baseUrl, answer.body.id)).toMatchObject(expected);
    }
  });

  it("takes 3-segment event types, unknown vocabulary, Chinese text and pretty-printed JSON", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const failed = renderDelivery({
      kind: "event",
      event: serverEvent({ action: "start", result: "failed" }),
    });
    expect(failed.headers).toContainEqual(["X-Yunion-Event", "SERVER/START/FAILED"]);
    const unknown = renderDelivery({
      kind: "event",
      event: {
        action: "teleport",
        resource_type: "quantum_vm",
        resource_details: { id: "q-1", name: "量子-1" },
      },
    });
    const pretty = {
      headers: { "Content-Type": "application/json", "X-Yunion-Event": "DISK/SYNC_DELETE" },
      body: JSON.stringify(
        {
          action: "sync_delete",
          resource_type: "disk",
          result: "succeed",
          resource_details: { id: "d-9", name: "数据盘" },
        },
        null,
        2,
      ),
    };
    const expectations = [
      { event_type: "SERVER/START/FAILED", action: "start", result: "failed" },
      { kind: "event", resource_type: "quantum_vm", action: "teleport", resource_name: "量子-1" },
      {
        kind: "event",
        resource_type: "disk",
        action: "sync_delete",
        resource_id: "d-9",
        resource_name: "数据盘",
      },
    ];
    for (const [i, delivery] of [failed, unknown, pretty].entries()) {
      const answer = await sendDelivery(endpoint.receiver_url, delivery);
      expect(answer.status).toBe(200);
      const event = await deliveryDetail(baseUrl, answer.body.id);
      expect(event).toMatchObject(expectations[i]!);
      expect(event.body).toBe(delivery.body);
    }
  });
});
