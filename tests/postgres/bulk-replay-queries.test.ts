import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "../../lib/db/prisma";
import {
  bulkResultCounts,
  countUnsentTargets,
  unsentTargetPage,
} from "../../lib/db/queries/bulk-replays";
import { deliveryFilterSchema } from "../../lib/events/delivery-filter";
import { ENGINES, openFreshDatabase } from "../support/both-engines";

/**
 * What a bulk replay taken over by another instance reads (lib/db/queries/bulk-replays.ts):
 * the targets it has no result for, how many, and the results' counts, on both engines
 * against the same expectations.
 */
const filter = (params: Record<string, string>) => deliveryFilterSchema.parse(params);

describe.each(ENGINES)("a bulk replay's queries on %s", (engine) => {
  let close: () => Promise<void>;
  let ids: number[];
  let bulkId: number;
  let otherBulkId: number;
  beforeEach(async () => {
    ({ close } = await openFreshDatabase(engine, "bulk"));
    const prisma = getPrisma();
    await prisma.endpoint.create({ data: { id: "ep_a", name: "a", token: "token-a" } });
    ids = [];
    for (const [i, type] of ["server", "server", "disk", "server", "server"].entries()) {
      const row = await prisma.delivery.create({
        data: {
          endpointId: "ep_a",
          receivedAt: new Date(Date.UTC(2026, 11, 2) + i * 1000),
          kind: "event",
          resourceType: type,
          resourceId: `${type}-${i}`,
          signature: "valid",
          size: 10,
          bodyHash: `h${i}`,
        },
      });
      ids.push(row.id);
    }
    const bulk = (total: number) =>
      prisma.bulkReplay.create({
        data: { url: "http://127.0.0.1:9/", mode: "exact", filter: "{}", state: "running", total },
      });
    bulkId = (await bulk(4)).id;
    otherBulkId = (await bulk(4)).id;
    const result = (
      bulk: number,
      deliveryId: number,
      status: number | null,
      error: string | null,
    ) =>
      prisma.replay.create({
        data: {
          deliveryId,
          bulkId: bulk,
          url: "http://127.0.0.1:9/",
          mode: "exact",
          requestHeaders: "[]",
          requestBody: new Uint8Array(0),
          status,
          error,
        },
      });
    // This bulk sent the first server delivery (200) and the fourth (500); the other bulk
    // sent the second, which this one still has to send.
    await result(bulkId, ids[0]!, 200, null);
    await result(bulkId, ids[3]!, 500, null);
    await result(otherBulkId, ids[1]!, 200, null);
  });
  afterEach(() => close());

  it("pages the targets a bulk has no result for, oldest first, up to its newest", async () => {
    const servers = filter({ resource_type: "server" });
    expect(await unsentTargetPage(servers, bulkId, 0, ids[4]!, 10)).toEqual([
      { id: ids[1], resourceType: "server", resourceId: "server-1" },
      { id: ids[4], resourceType: "server", resourceId: "server-4" },
    ]);
    expect((await unsentTargetPage(servers, bulkId, 0, ids[4]!, 1)).map((r) => r.id)).toEqual([
      ids[1],
    ]);
    expect(
      (await unsentTargetPage(servers, bulkId, ids[1]!, ids[3]!, 10)).map((r) => r.id),
    ).toEqual([]);
    expect(await countUnsentTargets(servers, bulkId, ids[4]!)).toBe(2);
    expect(await countUnsentTargets(servers, bulkId, ids[3]!)).toBe(1);
    expect(await countUnsentTargets(servers, otherBulkId, ids[4]!)).toBe(3);
  });

  it("counts a bulk's results and those that succeeded", async () => {
    expect(await bulkResultCounts.get(bulkId)).toEqual({ results: 2, succeeded: 1 });
    expect(await bulkResultCounts.get(otherBulkId)).toEqual({ results: 1, succeeded: 1 });
    expect(await bulkResultCounts.get(otherBulkId + 1)).toEqual({ results: 0, succeeded: 0 });
  });
});
