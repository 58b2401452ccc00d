import { describe, expect, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { signBody } from "../../lib/cloudpods/verify-signature";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { deliveryDetail, serverEvent } from "../support/receiver";
import { TRANSPORTS } from "../support/transports";
describe.each(TRANSPORTS)("receiver answers via %s", (_name, base) => {
  it("verifies X-Auth-Token over the exact bytes when the endpoint has a secret_key", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl, { secret_key: "s3cret-key" });
    const signed = renderDelivery(
      { kind: "event", event: serverEvent() },
      { secretKey: "s3cret-key" },
    );
    const ok = await sendDelivery(endpoint.receiver_url, signed);
    expect(ok.status).toBe(200);
    expect(await deliveryDetail(baseUrl, ok.body.id)).toMatchObject({ signature: "valid" });

    // Same JSON, different bytes (a space): the signature must not match.
    const tampered = { headers: signed.headers, body: signed.body.replace('{"', '{ "') };
    const bad = await sendDelivery(endpoint.receiver_url, tampered);
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: { code: "invalid_signature" } });
    expect(await deliveryDetail(baseUrl, bad.body.id)).toMatchObject({
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
    expect(await deliveryDetail(baseUrl, unsigned.body.id)).toMatchObject({
      signature: "unsigned",
    });
  });

  it("keeps a re-sent identical body as its own delivery pointing at the first", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const delivery = renderDelivery({ kind: "event", event: serverEvent({ action: "create" }) });
    const first = await sendDelivery(endpoint.receiver_url, delivery);
    const again = await sendDelivery(endpoint.receiver_url, delivery);
    expect(again.body.id).not.toBe(first.body.id);
    expect(await deliveryDetail(baseUrl, first.body.id)).toMatchObject({ duplicate_of: null });
    expect(await deliveryDetail(baseUrl, again.body.id)).toMatchObject({
      duplicate_of: first.body.id,
    });

    // The platform never retries validations: identical ones are each their own message.
    const validation = {
      headers: { "Content-Type": "application/json" },
      body: '{"Msg":"This is a verification message, please ignore."}',
    };
    await sendDelivery(endpoint.receiver_url, validation);
    const second = await sendDelivery(endpoint.receiver_url, validation);
    expect(await deliveryDetail(baseUrl, second.body.id)).toMatchObject({
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
    expect(await deliveryDetail(baseUrl, text.body.id)).toMatchObject({
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
    const stored = await deliveryDetail(baseUrl, binary.body.id);
    expect(stored.parse_error).toMatch(/UTF-8/);
    expect(Buffer.from(stored.body_base64!, "base64")).toEqual(Buffer.from(bytes));
  });

  it("answers 404 for an unknown or disabled token and 413 above the size cap, keeping nothing", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const delivery = renderDelivery({ kind: "event", event: serverEvent() });
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
