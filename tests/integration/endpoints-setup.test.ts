import { describe, expect, inject, it } from "vitest";
import { getHeader } from "../../lib/cloudpods/headers";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { event, type Stats } from "../support/endpoints";

/** The endpoint actions that go through the receiver; those that do not are in
 *  endpoints-api.test.ts, which runs on both engines. */
describe("endpoint actions", () => {
  it("rotates the token: the old receiver URL stops at once, the new one works", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const rotated = await api<{ token: string; receiver_url: string }>(
      baseUrl,
      `/api/endpoints/${endpoint.id}/rotate-token`,
      { method: "POST" },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).not.toBe(endpoint.token);
    expect(rotated.body.receiver_url).toContain(`/api/hooks/${rotated.body.token}`);
    const delivery = renderDelivery({ kind: "event", event });
    expect((await sendDelivery(endpoint.receiver_url, delivery)).status).toBe(404);
    expect(
      (await sendDelivery(`${baseUrl}/api/hooks/${rotated.body.token}`, delivery)).status,
    ).toBe(200);
  });

  it("sends a test delivery rendered with the endpoint's robot settings to its own receiver", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl, {
      secret_key: "k2",
      msg_key: "content",
      header: { "X-Team": "ops" },
      body: { env: "prod" },
    });
    const sent = await api<{
      status: number;
      ok: boolean;
      delivery_id: number;
      signed: boolean;
      event_type: string;
    }>(baseUrl, `/api/endpoints/${endpoint.id}/test-delivery`, { method: "POST" });
    expect(sent.body).toMatchObject({
      status: 200,
      ok: true,
      signed: true,
      event_type: "SERVER/CREATE",
    });
    const stored = await api<{
      kind: string;
      signature: string;
      message_key: string;
      headers: Array<[string, string]>;
      payload: Record<string, unknown>;
      warnings: string[];
    }>(baseUrl, `/api/events/${sent.body.delivery_id}`);
    expect(stored.body).toMatchObject({
      endpoint_id: endpoint.id,
      kind: "event",
      signature: "valid",
      message_key: "content",
      warnings: [],
    });
    expect(getHeader(stored.body.headers, "X-Team")).toBe("ops");
    expect(getHeader(stored.body.headers, "User-Agent")).toBe("yunioncloud-go/201708");
    expect(stored.body.payload).toMatchObject({ env: "prod", resource_type: "server" });

    await api(baseUrl, `/api/endpoints/${endpoint.id}`, {
      method: "PATCH",
      json: { use_template: true },
    });
    const template = await api<{ delivery_id: number }>(
      baseUrl,
      `/api/endpoints/${endpoint.id}/test-delivery`,
      { method: "POST" },
    );
    const text = await api<{ kind: string; event_type: string; signature: string }>(
      baseUrl,
      `/api/events/${template.body.delivery_id}`,
    );
    expect(text.body).toMatchObject({
      kind: "text",
      event_type: "SERVER/CREATE",
      signature: "valid",
    });

    await api(baseUrl, `/api/endpoints/${endpoint.id}`, {
      method: "PATCH",
      json: { enabled: false },
    });
    const disabled = await api<{ status: number; ok: boolean; delivery_id: null }>(
      baseUrl,
      `/api/endpoints/${endpoint.id}/test-delivery`,
      { method: "POST" },
    );
    expect(disabled.body).toMatchObject({ status: 404, ok: false, delivery_id: null });
  });

  it("deletes an endpoint with its deliveries and says how many", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    for (let i = 0; i < 3; i++)
      await sendDelivery(
        endpoint.receiver_url,
        renderDelivery({ kind: "event", event: { ...event, action: `a${i}` } }),
      );
    const stats = await api<Stats>(baseUrl, `/api/endpoints/${endpoint.id}/stats`);
    expect(stats.body.deliveries_total).toBe(3);
    const removed = await api(baseUrl, `/api/endpoints/${endpoint.id}`, { method: "DELETE" });
    expect(removed.body).toEqual({ deleted_deliveries: 3 });
    const left = await api<{ data: unknown[] }>(baseUrl, `/api/events?endpoint=${endpoint.id}`);
    expect(left.body.data).toEqual([]);
  });
});
