import { describe, expect, inject, it } from "vitest";
import type { ResourceTimelineBody } from "../../lib/resources/resource-types";
import { api, createEndpoint, putJson } from "../support/api";
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
