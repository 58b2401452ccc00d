import { describe, expect, inject, it } from "vitest";
import type { CursorPage } from "../../lib/http/cursor-page";
import type { ResourceItem } from "../../lib/resources/resource-types";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { send, uid } from "../support/resource-life";

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
