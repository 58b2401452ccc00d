import { beforeAll, expect, it } from "vitest";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { buildSearchIndex } from "./build-search-index";
import { findFilteredSearchPage } from "./filtered-search-page";
import { parseSearchQuery } from "./parse-search-query";
import { findSearchPage } from "./search-query-sqlite";
import { planSearch } from "./search-terms";

/**
 * A search within a filter that holds many deliveries (more than the few read one by one)
 * walks the index's candidates a chunk at a time and meets them with the filter's
 * deliveries: every page, through to the last, must be what reading every body finds.
 */
const db = migratedMemoryDatabase();
const COUNT = 3000;

beforeAll(() => {
  db.prepare(
    "INSERT INTO endpoints (id, name, token, updated_at) VALUES ('ep', 'ep', 't', 0)",
  ).run();
  const insert = db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, resource_type,
    resource_id, resource_name, message_key, message, signature, size, body_hash)
    VALUES ('ep', 0, @kind, @type, @id, @id, 'Msg', @message, 'unsigned', 1, 'h')`);
  const content = db.prepare(`INSERT INTO delivery_contents (delivery_id, encoding, headers, body)
    VALUES (?, 'identity', '[]', ?)`);
  db.transaction(() => {
    for (let i = 1; i <= COUNT; i++) {
      // A tenth are text messages, all in zone2 but two: a broad filter that `zone1`
      // (a third of the deliveries) almost never matches.
      const text = i % 10 === 0;
      const zone = text ? (i === 1500 || i === 2990 ? "zone1" : "zone2") : `zone${(i % 3) + 1}`;
      const details = {
        id: `r-${i}`,
        zone,
        status: i % 4 ? "running" : "ready",
        tag: "everyone",
        ips: i === 2321 || i === 17 ? "10.9.9.9" : `10.${i % 200}.${i % 7}.1`,
      };
      const id = insert.run({
        kind: text ? "text" : "event",
        type: i % 2 ? "server" : "host",
        id: `r-${i}`,
        message: text ? `alert in ${zone}` : null,
      }).lastInsertRowid;
      const body = { resource_type: "server", action: "update", resource_details: details };
      content.run(id, JSON.stringify(body));
    }
  })();
  buildSearchIndex(db);
});

const filters = {
  "kind=text": { sql: "d.kind = @kind0", params: { kind0: "text" } },
  "resource_type=host": { sql: "d.resource_type = @type0", params: { type0: "host" } },
  "event and server": {
    sql: "d.kind = @kind0 AND d.resource_type = @type0",
    params: { kind0: "event", type0: "server" },
  },
};
const texts = [
  "zone1",
  "status:running",
  "status:ready",
  "zone1 -status:ready",
  "10.9.9.9",
  "no-such-value",
];

/** Every page of a search, newest first, following the cursor to the end. */
function allPages(
  text: string,
  where: { sql: string; params: Record<string, string> },
  through?: number,
) {
  const ids: number[] = [];
  for (;;) {
    const page = findSearchPage<{ id: number }>(db, {
      text,
      columns: "d.id",
      where,
      cursor: ids.at(-1),
      limit: 50,
      through,
    });
    ids.push(...page.map((row) => row.id));
    if (page.length < 50) return ids;
  }
}

it.each(Object.keys(filters))(
  "with %s, pages the same as reading every body",
  { timeout: 60_000 },
  (name) => {
    const where = filters[name as keyof typeof filters];
    for (const text of texts) {
      const indexed = allPages(text, where);
      expect(indexed).toEqual(allPages(text, where, 0));
      expect([...indexed].sort((a, b) => b - a)).toEqual(indexed);
    }
  },
);

it("finds the rare matches of a broad filter that the search's candidates mostly miss", () => {
  expect(allPages("zone1", filters["kind=text"])).toEqual([2990, 1500]);
  expect(allPages("10.9.9.9", filters["event and server"])).toEqual([2321, 17]);
  // Hosts (even ids) in zone1: multiples of 6 that are no text message, and the two that are.
  expect(allPages("zone1", filters["resource_type=host"])).toHaveLength(500 - 100 + 2);
});

it("misses nothing where the first walk ends", { timeout: 60_000 }, () => {
  // Every delivery is a candidate of `everyone` and the filter holds every tenth: wherever
  // the first walk ends, the next match lies next to it.
  const where = filters["kind=text"];
  const expected = Array.from({ length: COUNT / 10 }, (_, i) => COUNT - i * 10);
  for (const firstWalk of [1, 9, 10, 11, 500]) {
    const page = findFilteredSearchPage<{ id: number }>(db, {
      columns: "d.id",
      where: where.sql,
      params: where.params,
      match: planSearch(parseSearchQuery("everyone")).match!,
      walkMatch: () => planSearch(parseSearchQuery("everyone")).match!,
      check: null,
      upTo: COUNT,
      limit: COUNT,
      firstWalk,
    });
    expect(page.map((row) => row.id)).toEqual(expected);
  }
});
