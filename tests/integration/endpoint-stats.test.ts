import { describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { event, type Stats } from "../support/endpoints";
describe("endpoint stats", () => {
  it("counts validations, events, signature failures and refused deliveries, with why", async () => {
    const baseUrl = inject("baseUrl");
    const robot = { secretKey: "k1", msgKey: "content" };
    const endpoint = await createEndpoint(baseUrl, { secret_key: "k1", msg_key: "content" });
    const empty = await api<Stats>(baseUrl, `/api/endpoints/${endpoint.id}/stats`);
    expect(empty.body).toMatchObject({
      deliveries_total: 0,
      last_validation_at: null,
      last_event_at: null,
      recent_rejected: [],
    });

    const validation = renderDelivery(
      { kind: "text", text: "This is a verification message, please ignore." },
      robot,
    );
    expect((await sendDelivery(endpoint.receiver_url, validation)).status).toBe(200);
    expect(
      (await sendDelivery(endpoint.receiver_url, renderDelivery({ kind: "event", event }, robot)))
        .status,
    ).toBe(200);
    const wrongKey = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery({ kind: "event", event }, { ...robot, secretKey: "other" }),
    );
    expect(wrongKey.status).toBe(401);
    const unsigned = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery({ kind: "event", event }, { msgKey: "content" }),
    );
    expect(unsigned.status).toBe(401);
    const notJson = await sendDelivery(endpoint.receiver_url, {
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(notJson.status).toBe(400);

    const { status, body } = await api<Stats>(baseUrl, `/api/endpoints/${endpoint.id}/stats`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      deliveries_total: 5,
      deliveries_24h: 5,
      signature_failures_24h: 3,
      rejected_24h: 3,
    });
    expect(body.newest_delivery_id).toBeGreaterThanOrEqual(notJson.body.id as number);
    expect(Date.parse(body.last_validation_at ?? "")).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(body.last_event_at ?? "")).toBeGreaterThanOrEqual(
      Date.parse(body.last_validation_at ?? ""),
    );
    expect(body.recent_rejected.map((r) => [r.id, r.status])).toEqual([
      [notJson.body.id, 400],
      [unsigned.body.id, 401],
      [wrongKey.body.id, 401],
    ]);
    expect(body.recent_rejected[0]?.reason).toMatch(/^Not JSON/);
    expect(body.recent_rejected[1]?.reason).toMatch(/No X-Auth-Token/);
    expect(body.recent_rejected[2]?.reason).toMatch(/does not match/);

    const all = await api<{ data: Array<Stats & { endpoint_id: string }> }>(
      baseUrl,
      "/api/endpoints/stats",
    );
    expect(all.body.data.find((s) => s.endpoint_id === endpoint.id)).toMatchObject({
      deliveries_24h: 5,
      signature_failures_24h: 3,
    });
    expect((await api(baseUrl, "/api/endpoints/ep_missing/stats")).status).toBe(404);
  });

  it("reads last validation and event from the table for deliveries it was not watching, template text included", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl, { use_template: true });
    const robot = { useTemplate: true };
    const validation = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery(
        { kind: "text", text: "This is a validate message.", eventType: "VALIDATE" },
        robot,
      ),
    );
    const alert = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery({ kind: "text", text: "monitor alert" }, robot),
    );
    const templated = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery({ kind: "event", event, templateText: "server web-1 created" }, robot),
    );
    const details = await Promise.all(
      [validation, alert, templated].map((sent) =>
        api<{ received_at: string; kind: string }>(baseUrl, `/api/events/${String(sent.body.id)}`),
      ),
    );
    expect(details.map((d) => d.body.kind)).toEqual(["verification", "text", "text"]);
    const { body } = await api<Stats>(baseUrl, `/api/endpoints/${endpoint.id}/stats`);
    expect(body.last_validation_at).toBe(details[0]?.body.received_at);
    expect(body.last_event_at).toBe(details[2]?.body.received_at);
  });
});
