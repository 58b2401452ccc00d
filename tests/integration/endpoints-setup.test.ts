import { describe, expect, inject, it } from "vitest";
import { getHeader } from "../../lib/cloudpods/headers";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { verifySignature } from "../../lib/cloudpods/verify-signature";
import { api, createEndpoint, putJson, sendDelivery } from "../support/api";
import { event, type Rendered, type Stats } from "../support/endpoints";
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

describe("delivery preview", () => {
  it("renders what the platform sends, signed with the stored secret when the endpoint is named", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl, { secret_key: "stored" });
    const preview = await api<{
      event: Rendered;
      template: Rendered | null;
      validation: Rendered;
      topic: string;
    }>(baseUrl, "/api/endpoints/preview", {
      json: {
        endpoint_id: endpoint.id,
        msg_key: "content",
        body: { content: "oops" },
        use_template: true,
        topic: "resource operation failed",
      },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.topic).toBe("resource operation failed");
    expect(getHeader(preview.body.event.headers, "X-Yunion-Event")).toBe("SERVER/START/FAILED");
    // The preview shows the mistake as the platform would make it: the message is gone.
    expect(JSON.parse(preview.body.event.body)).toMatchObject({ content: "oops" });
    expect(
      verifySignature(
        "stored",
        Buffer.from(preview.body.event.body),
        getHeader(preview.body.event.headers, "X-Auth-Token"),
      ),
    ).toBe(true);
    expect(JSON.parse(preview.body.template?.body ?? "{}")).toMatchObject({ content: "oops" });
    const unsigned = await api<{ event: Rendered }>(baseUrl, "/api/endpoints/preview", {
      json: { endpoint_id: endpoint.id, secret_key: null },
    });
    expect(getHeader(unsigned.body.event.headers, "X-Auth-Token")).toBeNull();
    expect((await api(baseUrl, "/api/endpoints/preview", { json: { header: [] } })).status).toBe(
      422,
    );
  });
});

describe("settings the platform would refuse", () => {
  it("are refused on update too, checked against the merged settings", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl, { msg_key: "content" });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ body: { content: "x" } }, "body.content"],
      [{ msg_key: "", body: { Msg: "x" } }, "body.Msg"],
      [{ header: { "X-A": "two\nlines" } }, "header.X-A"],
      [{ name: "bad\u0000name" }, "name"],
      [{ secret_key: "s".repeat(129) }, "secret_key"],
    ];
    for (const [json, field] of cases) {
      const answer = await api(baseUrl, `/api/endpoints/${endpoint.id}`, { method: "PATCH", json });
      expect(answer.status, field).toBe(422);
      expect(answer.body, field).toMatchObject({ error: { code: "invalid_input", field } });
    }
  });
});

describe("public base URL", () => {
  it("is stored from the UI and used for receiver URLs until reset", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    try {
      const set = await api<{ public_url: string; source: string }>(
        baseUrl,
        "/api/endpoints/public-url",
        {
          method: "PUT",
          json: { public_url: "https://hooks.example.com/hooklens/" },
        },
      );
      expect(set.body).toMatchObject({
        public_url: "https://hooks.example.com/hooklens",
        source: "setting",
      });
      const one = await api<{ receiver_url: string }>(baseUrl, `/api/endpoints/${endpoint.id}`);
      expect(one.body.receiver_url).toBe(
        `https://hooks.example.com/hooklens/api/hooks/${endpoint.token}`,
      );
      const bad = await putJson(baseUrl, "/api/endpoints/public-url", { public_url: "ftp://x" });
      expect(bad.status).toBe(422);
    } finally {
      await putJson(baseUrl, "/api/endpoints/public-url", { public_url: null });
    }
    const reset = await api<{ public_url: string; source: string }>(
      baseUrl,
      "/api/endpoints/public-url",
    );
    expect(reset.body).toEqual({ public_url: baseUrl, source: "request", setting: null });
  });
});
