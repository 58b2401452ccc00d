import { describe, expect, inject, it } from "vitest";
import type { ResourceItem, ResourceTimelineBody } from "../../lib/resources/resource-types";
import type { CursorPage } from "../../lib/http/cursor-page";
import { api, createEndpoint, putJson, sendDelivery } from "../support/api";
import { at, send, server, serverLife, uid } from "../support/resource-life";

describe("noise fields API", () => {
  it("sets the fields every diff folds, and back to the defaults", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `srv-${uid()}`;
    await serverLife(endpoint, id);
    const defaults = await api<{ noise_fields: string[]; defaults: string[] }>(
      baseUrl,
      "/api/resources/noise-fields",
    );
    expect(defaults.body.noise_fields).toContain("updated_at");
    try {
      const set = await putJson(baseUrl, "/api/resources/noise-fields", {
        noise_fields: ["vmem_size", " vmem_size ", ""],
      });
      expect(set.body).toMatchObject({ noise_fields: ["vmem_size"] });
      const { body } = await api<ResourceTimelineBody>(baseUrl, `/api/resources/server/${id}`);
      expect(body.events[1]!.diff).toContainEqual(
        expect.objectContaining({ path: ["vmem_size"], noise: true }),
      );
      expect(body.events[1]!.diff).toContainEqual(
        expect.objectContaining({ path: ["updated_at"], noise: false }),
      );
      const bad = await putJson(baseUrl, "/api/resources/noise-fields", { noise_fields: "x" });
      expect(bad.status).toBe(422);
    } finally {
      await putJson(baseUrl, "/api/resources/noise-fields", {
        noise_fields: defaults.body.defaults,
      });
    }
  });
});

describe("resource list API", () => {
  it("lists resources by last seen, filters by type and text, and pages by cursor", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const tag = uid();
    const ids = [`a-${tag}`, `b-${tag}`, `c-${tag}`];
    for (const id of ids)
      await send(endpoint, { resource_details: { id, name: `vm-${tag}`, status: "running" } });
    await send(endpoint, {
      resource_type: "disk",
      resource_details: { id: `d-${tag}`, name: `disk-${tag}` },
    });
    await send(endpoint, {
      resource_details: { id: ids[0], name: `vm-${tag}`, status: "stopped" },
    });

    const list = await api<CursorPage<ResourceItem>>(
      baseUrl,
      `/api/resources?q=${tag}&endpoint=${endpoint.id}`,
    );
    expect(list.body.data.map((r) => r.resource_id).sort()).toEqual([...ids, `d-${tag}`].sort());
    const seen = list.body.data.map((r) => Date.parse(r.last_seen_at));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(list.body.data.find((r) => r.resource_id === ids[0])).toMatchObject({
      status: "stopped",
      delivery_count: 2,
      last_action: "update",
      resource_name: `vm-${tag}`,
    });

    const servers = await api<CursorPage<ResourceItem>>(
      baseUrl,
      `/api/resources?q=${tag}&resource_type=server&order=asc`,
    );
    const serversDesc = list.body.data.filter((r) => r.resource_type === "server").reverse();
    expect(servers.body.data.map((r) => r.resource_id)).toEqual(
      serversDesc.map((r) => r.resource_id),
    );

    const first = await api<CursorPage<ResourceItem>>(baseUrl, `/api/resources?q=${tag}&limit=3`);
    const second = await api<CursorPage<ResourceItem>>(
      baseUrl,
      `/api/resources?q=${tag}&limit=3&cursor=${first.body.next_cursor}`,
    );
    expect([...first.body.data, ...second.body.data].map((r) => r.resource_id)).toEqual(
      list.body.data.map((r) => r.resource_id),
    );
    expect(second.body.next_cursor).toBeNull();

    // A re-send of an old event (the platform's retry) does not roll the list back.
    const created = await send(endpoint, {
      action: "create",
      resource_details: { id: `e-${tag}`, status: "ready" },
    });
    await send(endpoint, { resource_details: { id: `e-${tag}`, status: "running" } });
    await sendDelivery(endpoint.receiver_url, created.delivery);
    const afterResend = await api<CursorPage<ResourceItem>>(baseUrl, `/api/resources?q=e-${tag}`);
    expect(afterResend.body.data[0]).toMatchObject({
      status: "running",
      last_action: "update",
      delivery_count: 3,
    });

    const bad = await api(baseUrl, "/api/resources?cursor=nonsense");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: "cursor" } });
    const types = await api<{ data: Array<{ resource_type: string }> }>(
      baseUrl,
      "/api/resources/types",
    );
    expect(types.body.data.map((t) => t.resource_type)).toEqual(
      expect.arrayContaining(["server", "disk"]),
    );
  });
});

describe("changes API", () => {
  it("finds where a field changed, to a value, in a time range, including the latest delivery", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `srv-${uid()}`;
    const life = await serverLife(endpoint, id);
    const since = new Date(Date.now() - 60_000).toISOString();
    const query = `resource_type=server&resource_id=${id}&field=status&to=running&since=${since}`;
    const running = await api<{ data: Array<Record<string, unknown>> }>(
      baseUrl,
      `/api/changes?${query}`,
    );
    expect(running.status).toBe(200);
    expect(running.body.data).toEqual([
      expect.objectContaining({
        delivery_id: life.status.id,
        resource_id: id,
        path: ["status"],
        op: "changed",
        before: "ready",
        after: "running",
        action: "status_changed",
      }),
    ]);

    const memory = await api<{ data: unknown[] }>(
      baseUrl,
      `/api/changes?resource_id=${id}&field=vmem_size&to=2048`,
    );
    expect(memory.body.data).toHaveLength(1);

    // A change that arrives after the first query is found by the next one.
    const restart = await send(endpoint, {
      action: "start",
      resource_details: server(id, { status: "running", updated_at: at(5) }),
    });
    const again = await api<{ data: Array<{ delivery_id: number }> }>(
      baseUrl,
      `/api/changes?${query}`,
    );
    expect(again.body.data.map((c) => c.delivery_id)).toEqual([restart.id, life.status.id]);

    const future = new Date(Date.now() + 60_000).toISOString();
    const none = await api<{ data: unknown[] }>(
      baseUrl,
      `/api/changes?resource_id=${id}&since=${future}`,
    );
    expect(none.body.data).toEqual([]);
    const bad = await api(baseUrl, "/api/changes?op=moved");
    expect(bad.status).toBe(400);
  });
});
