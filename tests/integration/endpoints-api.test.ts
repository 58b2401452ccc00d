import { describe, expect, inject, it } from "vitest";
import { getHeader } from "../../lib/cloudpods/headers";
import { verifySignature } from "../../lib/cloudpods/verify-signature";
import { api, createEndpoint, putJson } from "../support/api";
import { logIn, rawRequest } from "../support/auth";
import type { Rendered, Stats } from "../support/endpoints";

/**
 * The endpoints API and the public base URL setting, without the receiver: these run on
 * both engines, on SQLite in the integration project and on PostgreSQL in
 * integration-postgres (vitest.config.ts), against the same real server build.
 */
describe("endpoints", () => {
  it("are created, read, listed, edited, rotated and deleted", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl, { secret_key: "k", topics: ["a"] });
    expect(endpoint).toMatchObject({ has_secret_key: true, topics: ["a"], enabled: true });
    expect(endpoint).not.toHaveProperty("secret_key");
    const read = await api<{ name: string; created_at: string }>(
      baseUrl,
      `/api/endpoints/${endpoint.id}`,
    );
    expect(read.body.name).toBe(endpoint.name);
    expect(Date.parse(read.body.created_at)).toBeGreaterThan(Date.now() - 60_000);
    const edited = await api<{ msg_key: string; enabled: boolean; updated_at: string }>(
      baseUrl,
      `/api/endpoints/${endpoint.id}`,
      { method: "PATCH", json: { msg_key: "content", enabled: false } },
    );
    expect(edited.body).toMatchObject({ msg_key: "content", enabled: false });
    const list = await api<{ data: Array<{ id: string; enabled: boolean }> }>(
      baseUrl,
      "/api/endpoints",
    );
    expect(list.body.data.find((row) => row.id === endpoint.id)?.enabled).toBe(false);
    const rotated = await api<{ token: string; receiver_url: string }>(
      baseUrl,
      `/api/endpoints/${endpoint.id}/rotate-token`,
      { method: "POST" },
    );
    expect(rotated.body.token).not.toBe(endpoint.token);
    expect(rotated.body.receiver_url).toBe(`${baseUrl}/api/hooks/${rotated.body.token}`);
    const removed = await api(baseUrl, `/api/endpoints/${endpoint.id}`, { method: "DELETE" });
    expect(removed.body).toEqual({ deleted_deliveries: 0 });
    const gone = await api(baseUrl, `/api/endpoints/${endpoint.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error: { code: "not_found" } });
  });

  it("have stats before any delivery: nothing counted, nothing seen", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const stats = await api<Stats & { release: string | null }>(
      baseUrl,
      `/api/endpoints/${endpoint.id}/stats`,
    );
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      deliveries_total: 0,
      deliveries_24h: 0,
      signature_failures_24h: 0,
      rejected_24h: 0,
      last_validation_at: null,
      last_event_at: null,
      recent_rejected: [],
      release: null,
    });
    expect(stats.body.newest_delivery_id).toBeGreaterThanOrEqual(0);
    const all = await api<{ data: Array<{ endpoint_id: string }> }>(
      baseUrl,
      "/api/endpoints/stats",
    );
    expect(all.body.data.map((row) => row.endpoint_id)).toContain(endpoint.id);
  });

  it("are read with a session cookie from the login API, as the dashboard reads them", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await logIn(baseUrl);
    const answer = await rawRequest(`${baseUrl}/api/endpoints`, { headers: { cookie } });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toHaveProperty("data");
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
