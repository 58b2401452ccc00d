import { describe, expect, inject, it } from "vitest";
import { renderDelivery, type EventMessage } from "../../lib/cloudpods/render-delivery";
import { signBody } from "../../lib/cloudpods/verify-signature";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { loadSamples } from "../support/samples";

type Detail = Record<string, unknown> & {
  body: string;
  headers: Array<[string, string]>;
  body_base64: string | null;
};

const server = (event: Partial<EventMessage> = {}): EventMessage => ({
  action: "update",
  resource_type: "server",
  result: "succeed",
  resource_details: { id: "srv-1", name: "vm-1", status: "running", vmem_size: 2048 },
  ...event,
});

async function detail(baseUrl: string, id: unknown) {
  const { status, body } = await api<Detail>(baseUrl, `/api/events/${String(id)}`);
  expect(status).toBe(200);
  return body;
}

describe.each([
  ["fast transport", () => inject("baseUrl")],
  ["route handler", () => inject("routeBaseUrl")],
])("receiver via %s", (_name, base) => {
  it("reads every fixture delivery back with its expected fields and exact bytes", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    for (const sample of loadSamples()) {
      const answer = await sendDelivery(endpoint.receiver_url, sample);
      expect(answer.status, sample.name).toBe(200);
      const event = await detail(baseUrl, answer.body.id);
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
      { kind: "event", event: server() },
      { msgKey: "content", body: { team: "ops" } },
    );
    const ok = await sendDelivery(endpoint.receiver_url, custom);
    expect(ok.status).toBe(200);
    const event = await detail(baseUrl, ok.body.id);
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
      { kind: "event", event: server() },
      { msgKey: "content", body: { content: "hello" } },
    );
    const bad = await sendDelivery(endpoint.receiver_url, overwritten);
    expect(bad.status).toBe(200);
    expect(await detail(baseUrl, bad.body.id)).toMatchObject({
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
      expect(await detail(baseUrl, answer.body.id)).toMatchObject(expected);
    }
  });

  it("takes 3-segment event types, unknown vocabulary, Chinese text and pretty-printed JSON", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const failed = renderDelivery({
      kind: "event",
      event: server({ action: "start", result: "failed" }),
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
      const event = await detail(baseUrl, answer.body.id);
      expect(event).toMatchObject(expectations[i]!);
      expect(event.body).toBe(delivery.body);
    }
  });

  it("verifies X-Auth-Token over the exact bytes when the endpoint has a secret_key", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl, { secret_key: "s3cret-key" });
    const signed = renderDelivery({ kind: "event", event: server() }, { secretKey: "s3cret-key" });
    const ok = await sendDelivery(endpoint.receiver_url, signed);
    expect(ok.status).toBe(200);
    expect(await detail(baseUrl, ok.body.id)).toMatchObject({ signature: "valid" });

    // Same JSON, different bytes (a space): the signature must not match.
    const tampered = { headers: signed.headers, body: signed.body.replace('{"', '{ "') };
    const bad = await sendDelivery(endpoint.receiver_url, tampered);
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: { code: "invalid_signature" } });
    expect(await detail(baseUrl, bad.body.id)).toMatchObject({
      signature: "invalid",
      body: tampered.body,
    });

    const missing = await sendDelivery(endpoint.receiver_url, {
      headers: { "Content-Type": "application/json" },
      body: signed.body,
    });
    expect(missing.status).toBe(401);
    expect(signBody("s3cret-key", signed.body)).toHaveLength(64);

    const open = await createEndpoint(baseUrl);
    const unsigned = await sendDelivery(open.receiver_url, signed);
    expect(await detail(baseUrl, unsigned.body.id)).toMatchObject({ signature: "unsigned" });
  });

  it("keeps a re-sent identical body as its own delivery pointing at the first", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const delivery = renderDelivery({ kind: "event", event: server({ action: "create" }) });
    const first = await sendDelivery(endpoint.receiver_url, delivery);
    const again = await sendDelivery(endpoint.receiver_url, delivery);
    expect(again.body.id).not.toBe(first.body.id);
    expect(await detail(baseUrl, first.body.id)).toMatchObject({ duplicate_of: null });
    expect(await detail(baseUrl, again.body.id)).toMatchObject({ duplicate_of: first.body.id });

    // The platform never retries validations: identical ones are each their own message.
    const validation = {
      headers: { "Content-Type": "application/json" },
      body: '{"Msg":"This is a verification message, please ignore."}',
    };
    await sendDelivery(endpoint.receiver_url, validation);
    const second = await sendDelivery(endpoint.receiver_url, validation);
    expect(await detail(baseUrl, second.body.id)).toMatchObject({
      kind: "verification",
      duplicate_of: null,
    });
  });

  it("answers 400 with the stored id for a body that is not JSON, keeping the bytes", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const text = await sendDelivery(endpoint.receiver_url, {
      headers: { "Content-Type": "text/plain" },
      body: "hello <b>",
    });
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ error: { code: "invalid_json" } });
    expect(await detail(baseUrl, text.body.id)).toMatchObject({
      kind: "unparsed",
      body: "hello <b>",
      payload: null,
    });

    const bytes = Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const binary = await sendDelivery(endpoint.receiver_url, {
      headers: { "Content-Type": "application/json" },
      body: bytes,
    });
    expect(binary.status).toBe(400);
    const stored = await detail(baseUrl, binary.body.id);
    expect(stored.parse_error).toMatch(/UTF-8/);
    expect(Buffer.from(stored.body_base64!, "base64")).toEqual(Buffer.from(bytes));
  });

  it("answers 404 for an unknown or disabled token and 413 above the size cap, keeping nothing", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const delivery = renderDelivery({ kind: "event", event: server() });
    const before = await api<{ data: unknown[] }>(baseUrl, `/api/events?endpoint=${endpoint.id}`);

    expect((await sendDelivery(`${baseUrl}/api/hooks/not-a-real-token`, delivery)).status).toBe(
      404,
    );
    const huge = {
      headers: { "Content-Type": "application/json" },
      body: `{"Msg":"${"x".repeat(1024 * 1024)}"}`,
    };
    const tooLarge = await sendDelivery(endpoint.receiver_url, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ error: { code: "payload_too_large" } });

    await api(baseUrl, `/api/endpoints/${endpoint.id}`, {
      method: "PATCH",
      json: { enabled: false },
    });
    expect((await sendDelivery(endpoint.receiver_url, delivery)).status).toBe(404);
    const after = await api<{ data: unknown[] }>(baseUrl, `/api/events?endpoint=${endpoint.id}`);
    expect(after.body.data).toHaveLength(before.body.data.length);
  });
});
