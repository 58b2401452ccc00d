import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "../../lib/db/prisma";
import {
  countMatching,
  deliveriesAfter,
  facetGroups,
  feedPage,
  searchMatchingIds,
  targetPage,
} from "../../lib/db/queries/deliveries";
import {
  findSearchFields,
  indexSearchChunk,
  resetSearchIndex,
  searchIndexStatus,
} from "../../lib/db/queries/search-index";
import { deliveryFilterSchema } from "../../lib/events/delivery-filter";
import { matchesSearch } from "../../lib/search/match-search";
import { parseSearchQuery } from "../../lib/search/parse-search-query";
import { searchDocument } from "../../lib/search/search-document";
import { deliveries, queries } from "../../lib/search/search-test-cases";
import { ENGINES, openFreshDatabase } from "../support/both-engines";

/**
 * Payload search through the data layer on both engines: the same deliveries, every query
 * of lib/search/search-test-cases.ts, before the index reaches them (each checked from its
 * body), with the index part way and after it, against the matcher run on each delivery.
 */
const expected = (text: string, ids: number[]) => {
  const query = parseSearchQuery(text);
  return ids.filter((_, i) => {
    const delivery = deliveries[i]!;
    return matchesSearch(
      query,
      searchDocument({
        body: null,
        details: delivery.details,
        messageKey: "Msg",
        resourceName: (delivery.details?.name as string | undefined) ?? null,
        resourceId: (delivery.details?.id as string | undefined) ?? null,
        message: delivery.message ?? null,
        eventType: null,
      }),
    );
  });
};

const filter = (q: string) => deliveryFilterSchema.parse({ q });

describe.each(ENGINES)("payload search's queries on %s", (engine) => {
  let close: () => Promise<void>;
  let ids: number[];
  beforeEach(async () => {
    ({ close } = await openFreshDatabase(engine, "search"));
    const prisma = getPrisma();
    await prisma.endpoint.create({ data: { id: "ep", name: "ep", token: "t" } });
    ids = [];
    for (const delivery of deliveries) {
      const body = delivery.details
        ? { action: "update", resource_type: "server", resource_details: delivery.details }
        : { Msg: delivery.message };
      const row = await prisma.delivery.create({
        data: {
          endpointId: "ep",
          receivedAt: new Date(),
          kind: delivery.details ? "event" : "text",
          resourceType: "server",
          resourceId: (delivery.details?.id as string | undefined) ?? null,
          resourceName: (delivery.details?.name as string | undefined) ?? null,
          messageKey: "Msg",
          message: delivery.message ?? null,
          signature: "unsigned",
          size: 1,
          bodyHash: `h${ids.length}`,
          content: {
            create: {
              encoding: "identity",
              headers: Buffer.from("[]"),
              body: Buffer.from(JSON.stringify(body)),
            },
          },
        },
      });
      ids.push(row.id);
    }
  });
  afterEach(() => close());

  const checkAll = async () => {
    for (const text of queries) {
      const want = expected(text, ids);
      const page = (await feedPage(filter(text), undefined, 50)).map((row) => row.id);
      expect({ text, page }).toEqual({ text, page: [...want].reverse() });
      const after = (await deliveriesAfter(filter(text), 0, 50)).map((row) => row.id);
      expect({ text, after }).toEqual({ text, after: want });
      expect({ text, count: await countMatching(filter(text)) }).toEqual({
        text,
        count: { total: want.length, maxId: want.at(-1) ?? 0 },
      });
      const targets = (await targetPage(filter(text), 0, ids.at(-1)!, 50)).map((row) => row.id);
      expect({ text, targets }).toEqual({ text, targets: want });
      const live = await searchMatchingIds(ids, text);
      expect({ text, live: [...live].sort((a, b) => a - b) }).toEqual({ text, live: want });
    }
  };

  it("finds the same deliveries before, part way through and after indexing", async () => {
    await checkAll();
    expect((await searchIndexStatus.get())?.indexed_through).toBe(0);
    await indexSearchChunk(3);
    expect((await searchIndexStatus.get())?.indexed_through).toBe(ids[2]);
    await checkAll();
    while ((await indexSearchChunk(100)).written > 0);
    expect(await searchIndexStatus.get()).toEqual({
      indexed_through: ids.at(-1),
      newest_delivery_id: ids.at(-1),
    });
    await checkAll();
  });

  it("pages below a cursor, newest first", async () => {
    while ((await indexSearchChunk(100)).written > 0);
    const want = [...expected("status:running", ids)].reverse();
    expect(want.length).toBeGreaterThan(1);
    const first = await feedPage(filter("status:running"), undefined, 1);
    expect(first.map((row) => row.id)).toEqual([want[0]]);
    const rest = await feedPage(filter("status:running"), want[0], 50);
    expect(rest.map((row) => row.id)).toEqual(want.slice(1));
  });

  it("counts facets of the matches", async () => {
    while ((await indexSearchChunk(100)).written > 0);
    const { groups, throughId } = await facetGroups(filter("status:running"), {
      indexOrder: false,
      approximateSearch: false,
    });
    expect(groups.reduce((sum, group) => sum + group.n, 0)).toBe(
      expected("status:running", ids).length,
    );
    expect(throughId).toBe(ids.at(-1));
  });

  it("completes field names once indexed, and forgets them on a reset", async () => {
    while ((await indexSearchChunk(100)).written > 0);
    const fields = await findSearchFields("Metadata.", 10);
    expect(fields.map((field) => field.name)).toEqual(["metadata.owner"]);
    expect(fields[0]!.deliveries).toBe(2);
    await resetSearchIndex();
    expect((await searchIndexStatus.get())?.indexed_through).toBe(0);
    expect(await findSearchFields("", 10)).toEqual([]);
    await checkAll();
  });
});

describe.each(ENGINES)("payload search over U+0000 on %s", (engine) => {
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ close } = await openFreshDatabase(engine, "search_nul"));
  });
  afterEach(() => close());

  it("indexes a body whose field names and values hold U+0000, and answers such a query", async () => {
    const prisma = getPrisma();
    await prisma.endpoint.create({ data: { id: "ep", name: "ep", token: "t" } });
    const body =
      '{"action":"update","resource_details":{"ta\\u0000g":"blue\\u0000sky","zone":"z1"}}';
    const row = await prisma.delivery.create({
      data: {
        endpointId: "ep",
        receivedAt: new Date(),
        kind: "event",
        resourceType: "server",
        messageKey: "Msg",
        signature: "unsigned",
        size: body.length,
        bodyHash: "nul",
        content: {
          create: { encoding: "identity", headers: Buffer.from("[]"), body: Buffer.from(body) },
        },
      },
    });
    while ((await indexSearchChunk(100)).written > 0);
    // The indexer went past it (a refused row would stall it there for good).
    expect((await searchIndexStatus.get())?.indexed_through).toBe(row.id);
    expect((await feedPage(filter("zone:z1"), undefined, 10)).map((r) => r.id)).toEqual([row.id]);
    expect(await feedPage(filter("blue\u0000sky"), undefined, 10)).toBeInstanceOf(Array);
  });
});
