import { describe, expect, inject, it } from "vitest";
import { getHeader } from "../../lib/cloudpods/headers";
import { renderDelivery, type EventMessage } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";

type Rendered = { headers: Array<[string, string]>; body: string };
type Kept = { release: string | null; event_type: string | null; kind: string; body: string };

const event: EventMessage = {
  action: "start",
  resource_type: "server",
  result: "failed",
  resource_details: { id: "s-render", name: "web <1> & co", status: "start_fail" },
};

const kept = async (baseUrl: string, id: unknown) =>
  (await api<Kept>(baseUrl, `/api/events/${String(id)}`)).body;

describe("everything that builds platform requests renders like the release asked for", () => {
  it("test deliveries are sent as the release given by ?release=, and read back as it", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const expected = { "3.7": "up to 3.7", "3.9": "3.8-3.9", "3.10.3": "3.10.0-3.10.3" };
    for (const [release, range] of Object.entries(expected)) {
      const sent = await api<{ status: number; delivery_id: number }>(
        baseUrl,
        `/api/endpoints/${endpoint.id}/test-delivery?release=${release}`,
        { method: "POST" },
      );
      expect(sent.body.status, release).toBe(200);
      expect((await kept(baseUrl, sent.body.delivery_id)).release, release).toBe(range);
    }
    const bad = await api<{ error: { code: string; message: string } }>(
      baseUrl,
      `/api/endpoints/${endpoint.id}/test-delivery?release=2.0`,
      { method: "POST" },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^release: /);
  });

  it("the wizard's preview shows each release's headers and bodies", async () => {
    const baseUrl = inject("baseUrl");
    const preview = (release: string) =>
      api<{ event: Rendered; validation: Rendered }>(baseUrl, "/api/endpoints/preview", {
        json: { release },
      });
    const old = (await preview("3.10.3")).body;
    expect(getHeader(old.validation.headers, "X-Yunion-Event")).toBe("");
    expect(JSON.parse(old.event.body)).not.toHaveProperty("Msg");
    const titled = (await preview("3.9")).body;
    expect(getHeader(titled.validation.headers, "X-Yunion-Event")).toBe("VALIDATE");
    expect(getHeader(titled.event.headers, "X-Yunion-Event")).not.toContain("/");
    const current = (await preview("current")).body;
    expect(getHeader(current.validation.headers, "X-Yunion-Event")).toBeNull();
    expect(JSON.parse(current.event.body)).toHaveProperty("Msg");
  });

  it("an endpoint-mode replay re-renders a delivery as the release that sent it", async () => {
    const baseUrl = inject("baseUrl");
    const source = await createEndpoint(baseUrl);
    const sent = await sendDelivery(
      source.receiver_url,
      renderDelivery({ kind: "event", event }, {}, [], { release: "3.9" }),
    );
    expect(sent.status).toBe(200);
    const original = await kept(baseUrl, sent.body.id);
    expect(original).toMatchObject({ release: "3.8-3.9", event_type: "SERVER_START_FAILED" });

    const target = await createEndpoint(baseUrl, { body: { env: "staging" } });
    const replayed = await api<{ status: number; response_body: string | null }>(
      baseUrl,
      `/api/events/${String(sent.body.id)}/replay`,
      { json: { url: target.receiver_url, mode: "endpoint", endpoint_id: target.id } },
    );
    expect(replayed.body.status).toBe(200);
    const landed = JSON.parse(replayed.body.response_body ?? "{}") as { id: number };
    const copy = await kept(baseUrl, landed.id);
    expect(copy).toMatchObject({
      kind: "event",
      release: "3.8-3.9",
      event_type: "SERVER_START_FAILED",
    });
    // 3.9 sends the bare message: no copy under Msg, HTML characters as they are.
    expect(JSON.parse(copy.body)).not.toHaveProperty("Msg");
    expect(copy.body).toContain('"name":"web <1> & co"');
    expect(JSON.parse(copy.body)).toMatchObject({ env: "staging" });
  });
});
