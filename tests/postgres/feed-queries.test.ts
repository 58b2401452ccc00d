import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "../../lib/db/prisma";
import {
  countMatching,
  deliveriesAfter,
  facetGroups,
  feedPage,
  newestDeliveryId,
  targetPage,
} from "../../lib/db/queries/deliveries";
import { deliveryFilterSchema } from "../../lib/events/delivery-filter";
import { ENGINES, openFreshDatabase } from "../support/both-engines";

/**
 * The feed's reads beyond its list (lib/db/queries/deliveries.ts): facet groups, export
 * pages, a bulk replay's count and pages, on both engines against the same expectations.
 */
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const filter = (params: Record<string, string>) => deliveryFilterSchema.parse(params);

describe.each(ENGINES)("the feed's queries on %s", (engine) => {
  let close: () => Promise<void>;
  let ids: number[];
  beforeEach(async () => {
    ({ close } = await openFreshDatabase(engine, "feed"));
    const prisma = getPrisma();
    await prisma.endpoint.create({ data: { id: "ep_a", name: "a", token: "token-a" } });
    await prisma.endpoint.create({ data: { id: "ep_b", name: "b", token: "token-b" } });
    const rows: Array<[string, string | null, string | null, string | null, string | null]> = [
      ["ep_a", "server", "create", "succeed", "s-1"],
      ["ep_a", "server", "create", "failed", "s-2"],
      ["ep_a", "server", "delete", "succeed", "s-1"],
      ["ep_a", "host", "update", "succeed", "h-1"],
      ["ep_a", null, null, null, null],
      ["ep_b", "server", "create", "succeed", "s-9"],
    ];
    ids = [];
    for (const [i, [endpointId, resourceType, action, result, resourceId]] of rows.entries()) {
      const row = await prisma.delivery.create({
        data: {
          endpointId,
          receivedAt: new Date(NOW + i * 1000),
          kind: resourceType ? "event" : "text",
          resourceType,
          action,
          result,
          resourceId,
          signature: "valid",
          size: 10,
          bodyHash: `h${i}`,
        },
      });
      ids.push(row.id);
    }
  });
  afterEach(() => close());

  it("groups the facets of a filter with the newest id of the same snapshot", async () => {
    const byKey = (groups: Array<Record<string, string | number | null>>) =>
      groups
        .map(
          (g) =>
            [g.resource_type, g.action, g.result, g.kind].map(String).join("/") + `:${String(g.n)}`,
        )
        .sort()
        .join(" ");
    for (const indexOrder of [true, false]) {
      const all = await facetGroups(filter({ endpoint: "ep_a" }), {
        indexOrder,
        approximateSearch: false,
      });
      expect(byKey(all.groups)).toBe(
        "host/update/succeed/event:1 null/null/null/text:1 server/create/failed/event:1 " +
          "server/create/succeed/event:1 server/delete/succeed/event:1",
      );
      expect(all.throughId).toBe(ids[5]);
    }
    const since = await facetGroups(filter({ since: new Date(NOW + 3000).toISOString() }), {
      indexOrder: false,
      approximateSearch: false,
    });
    expect(byKey(since.groups)).toBe(
      "host/update/succeed/event:1 null/null/null/text:1 server/create/succeed/event:1",
    );
  });

  it("reads export pages oldest first, after a cursor and up to a bound", async () => {
    const a = filter({ endpoint: "ep_a" });
    expect((await newestDeliveryId.get())?.id).toBe(ids[5]);
    const first = await deliveriesAfter(a, 0, 2, ids[3]);
    expect(first.map((row) => row.id)).toEqual([ids[0], ids[1]]);
    expect(first[0]).toMatchObject({ endpoint_id: "ep_a", received_at: NOW, kind: "event" });
    const rest = await deliveriesAfter(a, ids[1]!, 10, ids[3]);
    expect(rest.map((row) => row.id)).toEqual([ids[2], ids[3]]);
    expect((await deliveriesAfter(a, ids[1]!, 10)).map((row) => row.id)).toEqual(ids.slice(2, 5));
    const page = await feedPage(filter({ resource_type: "server" }), ids[5], 10);
    expect(page.map((row) => row.id)).toEqual([ids[2], ids[1], ids[0]]);
  });

  it("counts a bulk replay's targets and pages them with their resources", async () => {
    const servers = filter({ resource_type: "server" });
    expect(await countMatching(servers)).toEqual({ total: 4, maxId: ids[5] });
    expect(await countMatching(filter({ endpoint: "ep_none" }))).toEqual({ total: 0, maxId: 0 });
    const page = await targetPage(servers, ids[0]!, ids[2]!, 10);
    expect(page).toEqual([
      { id: ids[1], resourceType: "server", resourceId: "s-2" },
      { id: ids[2], resourceType: "server", resourceId: "s-1" },
    ]);
  });

  it("answers payload search on both engines", async () => {
    const searched = facetGroups(filter({ q: "web" }), {
      indexOrder: false,
      approximateSearch: true,
    });
    expect((await searched).groups).toEqual([]);
    expect(await feedPage(filter({ q: "web" }), undefined, 10)).toEqual([]);
  });
});
