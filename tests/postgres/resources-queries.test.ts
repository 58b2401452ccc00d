import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "../../lib/db/prisma";
import { DEFAULT_NOISE_FIELDS } from "../../lib/diff/noise-fields";
import { countResourceTypes } from "../../lib/resources/count-resource-types";
import { findResources } from "../../lib/resources/find-resources";
import { getNoiseFields } from "../../lib/resources/get-noise-fields";
import { resourceListSchema } from "../../lib/resources/resource-filter";
import { setNoiseFields } from "../../lib/resources/set-noise-fields";
import { ENGINES, openFreshDatabase } from "../support/both-engines";

/**
 * The resource list, its type counts and the noise fields (lib/db/queries/resources.ts,
 * lib/db/queries/settings.ts) on both engines, against the same expectations: the same
 * rows in the same order, pages and cursors, text matched regardless of ASCII case.
 */
const T0 = Date.UTC(2026, 11, 2, 12, 0, 0, 123);

const list = (query: Record<string, string>) => findResources(resourceListSchema.parse(query));

describe.each(ENGINES)("resources on %s", (engine) => {
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ close } = await openFreshDatabase(engine, "resources"));
    const prisma = getPrisma();
    await prisma.endpoint.create({ data: { id: "ep", name: "e", token: "tok" } });
    await prisma.endpoint.create({ data: { id: "ep2", name: "f", token: "tok2" } });
    const row = (type: string, id: string, seen: number, more: object = {}) =>
      prisma.resource.create({
        data: {
          resourceType: type,
          resourceId: id,
          resourceName: `Name-${id}`,
          status: "running",
          lastAction: "update",
          lastResult: "succeeded",
          lastDeliveryId: seen,
          endpointId: "ep",
          firstSeenAt: new Date(T0),
          lastSeenAt: new Date(T0 + seen),
          deliveryCount: seen,
          ...more,
        },
      });
    // Two at the same time: the order goes on by type and id, byte-wise.
    await row("server", "a", 3);
    await row("server", "B", 3);
    await row("disk", "d1", 2, { endpointId: "ep2" });
    await row("server", "c_x", 1, { deleted: true, resourceName: null });
  });
  afterEach(() => close());

  it("lists by last seen both ways, pages by cursor and filters", async () => {
    const all = await list({});
    expect(all.data.map((r) => r.resource_id)).toEqual(["a", "B", "d1", "c_x"]);
    expect(all.data[0]).toEqual({
      resource_type: "server",
      resource_id: "a",
      resource_name: "Name-a",
      status: "running",
      last_action: "update",
      last_result: "succeeded",
      last_event_id: 3,
      endpoint_id: "ep",
      first_seen_at: new Date(T0).toISOString(),
      last_seen_at: new Date(T0 + 3).toISOString(),
      delivery_count: 3,
      deleted: false,
    });
    expect((await list({ order: "asc" })).data.map((r) => r.resource_id)).toEqual([
      "c_x",
      "d1",
      "B",
      "a",
    ]);
    const first = await list({ limit: "1" });
    const second = await list({ limit: "2", cursor: first.next_cursor! });
    const third = await list({ limit: "2", cursor: second.next_cursor! });
    expect([...first.data, ...second.data, ...third.data].map((r) => r.resource_id)).toEqual([
      "a",
      "B",
      "d1",
      "c_x",
    ]);
    expect(third.next_cursor).toBeNull();
    const backwards = await list({ order: "asc", limit: "2" });
    const rest = await list({ order: "asc", cursor: backwards.next_cursor! });
    expect(rest.data.map((r) => r.resource_id)).toEqual(["B", "a"]);

    expect((await list({ q: "name-B" })).data.map((r) => r.resource_id)).toEqual(["B"]);
    // % and _ are matched as themselves.
    expect((await list({ q: "c_" })).data.map((r) => r.resource_id)).toEqual(["c_x"]);
    expect((await list({ q: "%" })).data).toEqual([]);
    expect((await list({ deleted: "true" })).data.map((r) => r.deleted)).toEqual([true]);
    expect((await list({ deleted: "false" })).data).toHaveLength(3);
    expect((await list({ endpoint: "ep2" })).data.map((r) => r.resource_id)).toEqual(["d1"]);
    expect(
      (await list({ resource_type: "disk,server", order: "asc", limit: "1" })).data.map(
        (r) => r.resource_id,
      ),
    ).toEqual(["c_x"]);
    await expect(list({ cursor: "nonsense" })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("counts resources by type, most first", async () => {
    expect(await countResourceTypes()).toEqual([
      { resource_type: "server", count: 3 },
      { resource_type: "disk", count: 1 },
    ]);
  });

  it("keeps the noise fields, and falls back to the defaults", async () => {
    expect(await getNoiseFields()).toEqual([...DEFAULT_NOISE_FIELDS]);
    expect(await setNoiseFields({ fields: [" vmem_size ", "vmem_size", "", "status"] })).toEqual([
      "vmem_size",
      "status",
    ]);
    expect(await getNoiseFields()).toEqual(["vmem_size", "status"]);
    expect(await setNoiseFields({ fields: [] })).toEqual([]);
    expect(await getNoiseFields()).toEqual([]);
  });
});
