import { describe, expect, inject, it } from "vitest";
import type {
  ResourceCompareBody,
  ResourceItem,
  ResourceStateBody,
  ResourceTimelineBody,
} from "../../lib/resources/resource-types";
import type { CursorPage } from "../../lib/http/cursor-page";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { at, send, server, serverLife, uid, visible } from "../support/resource-life";
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
