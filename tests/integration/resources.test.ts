import { describe, expect, inject, it } from "vitest";
import {
  renderDelivery,
  type EventMessage,
  type RobotSettings,
} from "../../lib/cloudpods/render-delivery";
import type {
  ResourceCompareBody,
  ResourceItem,
  ResourceStateBody,
  ResourceTimelineBody,
} from "../../lib/resources/resource-types";
import type { CursorPage } from "../../lib/http/cursor-page";
import { api, createEndpoint, sendDelivery, type EndpointBody } from "../support/api";

const uid = () => Math.random().toString(36).slice(2, 10);

type Details = Record<string, unknown>;

async function send(
  endpoint: EndpointBody,
  event: Partial<EventMessage> & { resource_details: Details },
  robot: RobotSettings = {},
) {
  const delivery = renderDelivery(
    { kind: "event", event: { action: "update", resource_type: "server", ...event } },
    robot,
  );
  const answer = await sendDelivery(endpoint.receiver_url, delivery);
  return { ...answer, delivery, id: answer.body.id as number };
}

const at = (minute: number) => `2024-05-01T10:${String(minute).padStart(2, "0")}:00.000000Z`;

function server(id: string, fields: Details = {}): Details {
  return {
    id,
    name: "web-1",
    status: "ready",
    vcpu_count: 2,
    vmem_size: 1024,
    disks_info: [{ id: "disk-sys", disk_size: 30720, disk_type: "sys" }],
    updated_at: at(0),
    ...fields,
  };
}

const visible = (diff: ResourceTimelineBody["events"][number]["diff"]) =>
  diff?.filter((entry) => !entry.noise).map(({ noise: _noise, ...entry }) => entry);

/** A server's whole life, as the "Done when" tells it. */
async function serverLife(endpoint: EndpointBody, id: string) {
  const dataDisk = { id: "disk-data", disk_size: 102400, disk_type: "data" };
  const create = await send(endpoint, { action: "create", resource_details: server(id) });
  const resize = await send(endpoint, {
    action: "change_config",
    resource_details: server(id, { vmem_size: 2048, updated_at: at(1) }),
  });
  const attach = await send(endpoint, {
    action: "attach",
    resource_details: server(id, {
      vmem_size: 2048,
      disks_info: [...(server(id).disks_info as Details[]), dataDisk],
      updated_at: at(2),
    }),
  });
  const running = server(id, {
    vmem_size: 2048,
    disks_info: [...(server(id).disks_info as Details[]), dataDisk],
    status: "running",
    updated_at: at(3),
  });
  const status = await send(endpoint, {
    action: "status_changed",
    resource_details: { ...running, old_status: "ready", new_status: "running" },
  });
  const remove = await send(endpoint, {
    action: "delete",
    resource_details: {
      id,
      name: "web-1",
      status: "deleted",
      vcpu_count: 2,
      vmem_size: 2048,
      deleted: true,
      updated_at: at(4),
    },
  });
  return { create, resize, attach, status, remove, dataDisk };
}

describe("resource timeline API", () => {
  it("shows a server's life in order with exactly the changes of each step", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `srv-${uid()}`;
    const life = await serverLife(endpoint, id);

    const { status, body } = await api<ResourceTimelineBody>(
      baseUrl,
      `/api/resources/server/${id}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      resource_type: "server",
      resource_id: id,
      resource_name: "web-1",
    });
    expect(body.events.map((e) => e.id)).toEqual(
      [life.create, life.resize, life.attach, life.status, life.remove].map((s) => s.id),
    );
    expect(body.events.map((e) => e.action)).toEqual([
      "create",
      "change_config",
      "attach",
      "status_changed",
      "delete",
    ]);
    const [create, resize, attach, statusChange, remove] = body.events;
    expect(create).toMatchObject({ first: true, diff: null, compared_to: null });
    expect(visible(resize!.diff)).toEqual([
      { path: ["vmem_size"], op: "changed", before: 1024, after: 2048 },
    ]);
    expect(resize!.diff).toContainEqual({
      path: ["updated_at"],
      op: "changed",
      before: at(0),
      after: at(1),
      noise: true,
    });
    expect(visible(attach!.diff)).toEqual([
      { path: ["disks_info", 1], op: "added", after: life.dataDisk },
    ]);
    expect(visible(statusChange!.diff)).toEqual([
      { path: ["status"], op: "changed", before: "ready", after: "running" },
    ]);
    expect(remove).toMatchObject({ deletion: true, first: false });
    expect(visible(remove!.diff)).toEqual([
      { path: ["deleted"], op: "added", after: true },
      { path: ["status"], op: "changed", before: "running", after: "deleted" },
    ]);
    expect(body.state).toMatchObject({ status: "deleted", deleted: true, vmem_size: 2048 });
    expect(body.deleted).toBe(true);
  });

  it("compares any two steps and shows the state at any step", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `srv-${uid()}`;
    const life = await serverLife(endpoint, id);
    const compare = await api<ResourceCompareBody>(
      baseUrl,
      `/api/resources/server/${id}/compare?from=${life.create.id}&to=${life.status.id}`,
    );
    expect(compare.status).toBe(200);
    // In the order of the wire, whose keys the platform sorts.
    expect(compare.body.diff.filter((e) => !e.noise).map((e) => e.path)).toEqual([
      ["disks_info", 1],
      ["status"],
      ["vmem_size"],
    ]);

    const state = await api<ResourceStateBody>(
      baseUrl,
      `/api/resources/server/${id}/state?at=${life.resize.id}`,
    );
    expect(state.body.state).toMatchObject({ vmem_size: 2048, status: "ready" });
    expect((state.body.state?.disks_info as unknown[]).length).toBe(1);
    const deletion = await api<ResourceStateBody>(
      baseUrl,
      `/api/resources/server/${id}/state?at=${life.remove.id}`,
    );
    expect(deletion.body.snapshot).not.toHaveProperty("disks_info");
    expect(deletion.body.state).toMatchObject({ status: "deleted", disks_info: expect.any(Array) });

    const outside = await api(
      baseUrl,
      `/api/resources/server/${id}/compare?from=${life.create.id}&to=999999999`,
    );
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({ error: { code: "bad_request", field: "to" } });
    const notStep = await api(baseUrl, `/api/resources/server/${id}/state?at=999999999`);
    expect(notStep.status).toBe(404);
  });

  it("marks duplicates and late snapshots, and leaves invalid signatures out", async () => {
    const baseUrl = inject("baseUrl");
    const secretKey = `key-${uid()}`;
    const endpoint = await createEndpoint(baseUrl, { secret_key: secretKey });
    const robot = { secretKey };
    const id = `srv-${uid()}`;
    const create = await send(endpoint, { action: "create", resource_details: server(id) }, robot);
    const resend = await sendDelivery(endpoint.receiver_url, create.delivery);
    const late = server(id, { name: "two", updated_at: at(2) });
    const newest = await send(
      endpoint,
      { resource_details: server(id, { name: "three", updated_at: at(3) }) },
      robot,
    );
    const stale = await send(endpoint, { resource_details: late }, robot);
    const forged = await send(
      endpoint,
      { resource_details: server(id, { name: "evil", updated_at: at(9) }) },
      {
        secretKey: "wrong",
      },
    );
    expect(forged.status).toBe(401);

    const { body } = await api<ResourceTimelineBody>(baseUrl, `/api/resources/server/${id}`);
    expect(body.events.map((e) => e.id)).toEqual([create.id, resend.body.id, newest.id, stale.id]);
    expect(body.invalid_signature_count).toBe(1);
    expect(body.events[1]).toMatchObject({ duplicate: true, diff: null, compared_to: create.id });
    expect(body.events[3]).toMatchObject({ out_of_order: true, compared_to: create.id });
    expect(visible(body.events[3]!.diff)).toEqual([
      { path: ["name"], op: "changed", before: "web-1", after: "two" },
    ]);
    expect(body.state).toMatchObject({ name: "three" });
    expect(body.resource_name).toBe("three");
  });

  it("keeps a deleted resource deleted when an old event is re-sent after the delete", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `srv-${uid()}`;
    const life = await serverLife(endpoint, id);
    const resend = await sendDelivery(endpoint.receiver_url, life.status.delivery);
    expect(resend.body.id).toBeGreaterThan(life.remove.id);
    const { body } = await api<ResourceTimelineBody>(baseUrl, `/api/resources/server/${id}`);
    expect(body.events.at(-1)).toMatchObject({ duplicate: true, compared_to: life.status.id });
    expect(body).toMatchObject({ deleted: true, status: "deleted" });
    const list = await api<CursorPage<ResourceItem>>(baseUrl, `/api/resources?q=${id}`);
    expect(list.body.data[0]).toMatchObject({
      deleted: true,
      status: "deleted",
      last_action: "delete",
    });
  });

  it("never shows a redacted secret in a diff", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `srv-${uid()}`;
    await send(endpoint, {
      action: "create",
      resource_details: server(id, { password: "Old-Secret-1" }),
    });
    await send(endpoint, {
      action: "reset_password",
      resource_details: server(id, { password: "New-Secret-2", updated_at: at(1) }),
    });
    const timeline = await api<ResourceTimelineBody>(baseUrl, `/api/resources/server/${id}`);
    const changes = await api(baseUrl, `/api/changes?resource_type=server&resource_id=${id}`);
    for (const text of [JSON.stringify(timeline.body), JSON.stringify(changes.body)]) {
      expect(text).not.toContain("Old-Secret-1");
      expect(text).not.toContain("New-Secret-2");
    }
  });

  it("addresses resources by ids that need escaping, and answers 404 for unknown ones", async () => {
    const baseUrl = inject("baseUrl");
    const endpoint = await createEndpoint(baseUrl);
    const id = `云主机 ${uid()}/a?b`;
    await send(endpoint, { resource_details: { name: "x", id } });
    const found = await api<ResourceTimelineBody>(
      baseUrl,
      `/api/resources/server/${encodeURIComponent(id)}`,
    );
    expect(found.status).toBe(200);
    expect(found.body.resource_id).toBe(id);
    const missing = await api(baseUrl, `/api/resources/server/no-such-${uid()}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: "not_found" } });
  });
});

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
      const set = await api(baseUrl, "/api/resources/noise-fields", {
        method: "PUT",
        json: { noise_fields: ["vmem_size", " vmem_size ", ""] },
      });
      expect(set.body).toMatchObject({ noise_fields: ["vmem_size"] });
      const { body } = await api<ResourceTimelineBody>(baseUrl, `/api/resources/server/${id}`);
      expect(body.events[1]!.diff).toContainEqual(
        expect.objectContaining({ path: ["vmem_size"], noise: true }),
      );
      expect(body.events[1]!.diff).toContainEqual(
        expect.objectContaining({ path: ["updated_at"], noise: false }),
      );
      const bad = await api(baseUrl, "/api/resources/noise-fields", {
        method: "PUT",
        json: { noise_fields: "x" },
      });
      expect(bad.status).toBe(422);
    } finally {
      await api(baseUrl, "/api/resources/noise-fields", {
        method: "PUT",
        json: { noise_fields: defaults.body.defaults },
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
