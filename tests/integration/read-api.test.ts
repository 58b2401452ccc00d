import { describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";

type Page = { data: Array<Record<string, unknown> & { id: number }>; next_cursor: string | null };

describe("read API", () => {
  it("lists newest first with filters and cursor pagination", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const sent: number[] = [];
    const kinds = [
      ["server", "create"],
      ["server", "update"],
      ["disk", "create"],
      ["host", "update"],
      ["server", "update"],
    ];
    for (const [i, [type, action]] of kinds.entries()) {
      const delivery = renderDelivery({
        kind: "event",
        event: {
          resource_type: type!,
          action: action!,
          result: i === 3 ? "failed" : "succeed",
          resource_details: { id: `${type}-${i}`, name: `名前-${i}` },
        },
      });
      sent.push((await sendDelivery(endpoint.receiver_url, delivery)).body.id as number);
    }
    const all = await api<Page>(baseUrl, `/api/events?endpoint=${endpoint.id}`);
    expect(all.body.data.map((e) => e.id)).toEqual([...sent].reverse());
    expect(all.body.data[0]).toMatchObject({
      endpoint_id: endpoint.id,
      kind: "event",
      received_at: expect.stringMatching(/Z$/),
    });

    const servers = await api<Page>(
      baseUrl,
      `/api/events?endpoint=${endpoint.id}&resource_type=server&action=update`,
    );
    expect(servers.body.data.map((e) => e.id)).toEqual([sent[4], sent[1]]);
    const failed = await api<Page>(baseUrl, `/api/events?endpoint=${endpoint.id}&result=failed`);
    expect(failed.body.data.map((e) => e.id)).toEqual([sent[3]]);
    const byText = await api<Page>(
      baseUrl,
      `/api/events?endpoint=${endpoint.id}&q=${encodeURIComponent("名前-2")}`,
    );
    expect(byText.body.data.map((e) => e.id)).toEqual([sent[2]]);
    const byId = await api<Page>(baseUrl, `/api/events?endpoint=${endpoint.id}&resource_id=disk-2`);
    expect(byId.body.data.map((e) => e.id)).toEqual([sent[2]]);

    const first = await api<Page>(baseUrl, `/api/events?endpoint=${endpoint.id}&limit=2`);
    expect(first.body.data).toHaveLength(2);
    const second = await api<Page>(
      baseUrl,
      `/api/events?endpoint=${endpoint.id}&limit=2&cursor=${first.body.next_cursor}`,
    );
    const third = await api<Page>(
      baseUrl,
      `/api/events?endpoint=${endpoint.id}&limit=2&cursor=${second.body.next_cursor}`,
    );
    expect([...first.body.data, ...second.body.data, ...third.body.data].map((e) => e.id)).toEqual(
      [...sent].reverse(),
    );
    expect(third.body.next_cursor).toBeNull();

    const future = new Date(Date.now() + 60_000).toISOString();
    const none = await api<Page>(baseUrl, `/api/events?endpoint=${endpoint.id}&since=${future}`);
    expect(none.body.data).toEqual([]);
  });

  it("answers errors in one shape", async () => {
    const baseUrl = inject("baseUrl");
    const bad = await api(baseUrl, "/api/events?limit=9999");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "bad_request", field: "limit" } });
    const since = await api(baseUrl, "/api/events?since=yesterday");
    expect(since.body).toMatchObject({ error: { code: "bad_request", field: "since" } });
    const missing = await api(baseUrl, "/api/events/999999999");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: "not_found" } });
  });
});

describe("endpoints API", () => {
  it("creates, reads, updates and deletes endpoints without ever returning the secret", async () => {
    const baseUrl = inject("baseUrl");
    const created = await api<Record<string, unknown>>(baseUrl, "/api/endpoints", {
      json: {
        name: "staging",
        secret_key: "top-secret",
        msg_key: "content",
        header: { "X-Team": "ops" },
        body: { env: "staging" },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "staging",
      has_secret_key: true,
      msg_key: "content",
      header: { "X-Team": "ops" },
      body: { env: "staging" },
      receiver_url: expect.stringContaining(`/api/hooks/${String(created.body.token)}`),
    });
    expect(JSON.stringify(created.body)).not.toContain("top-secret");
    const id = String(created.body.id);

    const list = await api<{ data: Array<{ id: string; name: string }> }>(
      baseUrl,
      "/api/endpoints",
    );
    expect(list.body.data.map((e) => e.name)).toContain("default");
    expect(JSON.stringify(list.body)).not.toContain("top-secret");

    const patched = await api(baseUrl, `/api/endpoints/${id}`, {
      method: "PATCH",
      json: { name: "prod", use_template: true },
    });
    expect(patched.body).toMatchObject({ name: "prod", use_template: true, has_secret_key: true });

    const delivery = renderDelivery(
      { kind: "text", text: "hi" },
      { msgKey: "content", secretKey: "top-secret" },
    );
    expect(
      (await sendDelivery(`${baseUrl}/api/hooks/${String(created.body.token)}`, delivery)).status,
    ).toBe(200);
    const removed = await api(baseUrl, `/api/endpoints/${id}`, { method: "DELETE" });
    expect(removed.body).toEqual({ deleted_deliveries: 1 });
    expect((await api(baseUrl, `/api/endpoints/${id}`)).status).toBe(404);
  });

  it("refuses settings the platform would reject or mishandle, naming the field", async () => {
    const baseUrl = inject("baseUrl");
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: "a", msg_key: "x".repeat(17) }, "msg_key"],
      [{ name: "a", secret_key: "s".repeat(129) }, "secret_key"],
      [{ name: "a", body: { Msg: "x" } }, "body.Msg"],
      [{ name: "a", msg_key: "content", body: { content: "x" } }, "body.content"],
      [{ name: "a", header: { "X-Count": 3 } }, "header.X-Count"],
      [{ name: "a", header: { "Bad Header": "x" } }, "header.Bad Header"],
      [{ name: "" }, "name"],
    ];
    for (const [json, field] of cases) {
      const answer = await api(baseUrl, "/api/endpoints", { json });
      expect(answer.status, field).toBe(422);
      expect(answer.body, field).toMatchObject({ error: { code: "invalid_input", field } });
    }
  });
});
