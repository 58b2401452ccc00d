import { beforeAll, describe, expect, it } from "vitest";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { buildSearchIndex } from "./build-search-index";
import { matchesSearch } from "./match-search";
import { parseSearchQuery } from "./parse-search-query";
import { searchDocument } from "./search-document";
import {
  findSearchFields,
  indexSearchStep,
  readSearchBatch,
  resetSearchIndex,
  searchIndexStatus,
  writeSearchBatch,
} from "./search-index-sqlite";
import { findSearchPage, searchConditionSql } from "./search-query-sqlite";
import { planSearch } from "./search-terms";
import { deliveries, queries, searchPageIds } from "./search-test-cases";

/**
 * The index's answer, the unindexed path's (bodies read by the SQL function) and the
 * pure matcher's must be the same set for every query: the index may only narrow what
 * the matcher then decides, never lose a match or add one.
 */
const db = migratedMemoryDatabase();

function insertAll() {
  db.prepare(
    "INSERT INTO endpoints (id, name, token, updated_at) VALUES ('ep', 'ep', 't', 0)",
  ).run();
  const insert = db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, resource_type,
    resource_id, resource_name, message_key, message, signature, size, body_hash)
    VALUES ('ep', 0, @kind, 'server', @id, @name, 'Msg', @message, 'unsigned', 1, 'h')`);
  const content = db.prepare(`INSERT INTO delivery_contents (delivery_id, encoding, headers, body)
    VALUES (?, 'identity', '[]', ?)`);
  for (const delivery of deliveries) {
    const id = insert.run({
      kind: delivery.details ? "event" : "text",
      id: (delivery.details?.id as string | undefined) ?? null,
      name: (delivery.details?.name as string | undefined) ?? null,
      message: delivery.message ?? null,
    }).lastInsertRowid;
    const body = delivery.details
      ? { action: "update", resource_type: "server", resource_details: delivery.details }
      : { Msg: delivery.message };
    content.run(id, Buffer.from(JSON.stringify(body)));
  }
}

const select = (text: string) => {
  const where = searchConditionSql(db, text, (name) => name);
  return db
    .prepare(`SELECT id FROM deliveries WHERE ${where.sql} ORDER BY id`)
    .pluck()
    .all(where.params) as number[];
};

const page = (text: string) => searchPageIds(db, text).sort((a, b) => a - b);

function inMemory(text: string): number[] {
  const query = parseSearchQuery(text);
  return deliveries
    .map((delivery, i) => ({ delivery, id: i + 1 }))
    .filter(({ delivery }) =>
      matchesSearch(
        query,
        searchDocument({
          body: JSON.stringify(
            delivery.details
              ? { action: "update", resource_type: "server", resource_details: delivery.details }
              : { Msg: delivery.message },
          ),
          messageKey: "Msg",
          resourceName: (delivery.details?.name as string | undefined) ?? null,
          resourceId: (delivery.details?.id as string | undefined) ?? null,
          message: delivery.message ?? null,
          eventType: null,
        }),
      ),
    )
    .map(({ id }) => id);
}

const expected: Record<string, number[]> = {
  "10.168.115.57": [1],
  "node-48": [1, 2, 3, 4],
  "host:node-48": [1],
  "host:*48": [1],
  "host:node-4*": [1, 2],
  "status:running": [1, 3],
  "status:running -host:node-48": [3],
  "storages.status:offline": [3],
  "status:offline": [3],
  "nics.mac:00:22:*": [1],
  "mac:fa:16:3e:01:02:03": [1],
  '"fa:16:3e"': [1],
  "vcpu_count:>4": [1],
  "vcpu_count:>=2 vcpu_count:<8": [2],
  "cpu_count:>16": [3],
  "size:8": [5],
  测试: [1],
  测: [1],
  "disk-ω": [5],
  "100%": [4],
  "eip:*": [],
  "no-such-value": [],
};

describe("payload search over SQLite", () => {
  beforeAll(insertAll);

  it.each(queries)("%s: unindexed, indexed and in memory agree", (text) => {
    resetSearchIndex(db);
    const unindexed = select(text);
    expect(page(text)).toEqual(unindexed);
    while (indexSearchStep(db, 2) > 0);
    expect(select(text)).toEqual(unindexed);
    expect(page(text)).toEqual(unindexed);
    expect(unindexed).toEqual(inMemory(text));
    if (text in expected) expect(unindexed).toEqual(expected[text]);
  });

  it("built at once, holds what the indexer's steps write", () => {
    const candidates = () =>
      queries.map((text) => {
        const { match } = planSearch(parseSearchQuery(text));
        if (match === null) return [];
        const sql = "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid";
        return db.prepare(sql).pluck().all(match);
      });
    resetSearchIndex(db);
    while (indexSearchStep(db, 2) > 0);
    const stepped = candidates();
    resetSearchIndex(db);
    expect(buildSearchIndex(db, { rowsPerWrite: 3 }).indexed).toBe(deliveries.length);
    expect(searchIndexStatus(db).indexed_through).toBe(deliveries.length);
    expect(candidates()).toEqual(stepped);
    expect(stepped.flat().length).toBeGreaterThan(0);
    for (const text of queries) expect(page(text)).toEqual(select(text));
  });

  it("with a filter that holds few deliveries, finds what the unfiltered search finds among them", () => {
    resetSearchIndex(db);
    while (indexSearchStep(db, 100) > 0);
    const held = (id: string) =>
      db.prepare("SELECT id FROM deliveries WHERE resource_id = ?").pluck().all(id) as number[];
    for (const resourceId of ["s-1", "h-1"]) {
      const where = {
        sql: "d.resource_type = 'server' AND d.resource_id = @rid",
        params: { rid: resourceId },
      };
      for (const text of queries) {
        const filtered = findSearchPage<{ id: number }>(db, {
          text,
          columns: "d.id",
          where,
          limit: 50,
        });
        const expected = select(text).filter((id) => held(resourceId).includes(id));
        expect(filtered.map((row) => row.id).sort((a, b) => a - b)).toEqual(expected);
      }
    }
    expect(select("node-48").filter((id) => held("h-1").includes(id))).toEqual([3]);
  });

  it("half indexed, half not, still finds everything", () => {
    resetSearchIndex(db);
    indexSearchStep(db, 2);
    expect(select("node-48")).toEqual([1, 2, 3, 4]);
    expect(page("node-48")).toEqual([1, 2, 3, 4]);
  });

  it("answers exact terms from the index alone", () => {
    for (const text of ["status:running", "host:node-4*", "eip:*", "测试", "size:8", "abc"])
      expect(planSearch(parseSearchQuery(text)).exact).toBe(true);
    for (const text of ["node-48", "-a", "vcpu_count:>4", "host:*48", "x"])
      expect(planSearch(parseSearchQuery(text)).exact).toBe(false);
  });

  it("lists the field names seen, most used first, by prefix", () => {
    resetSearchIndex(db);
    while (indexSearchStep(db, 100) > 0);
    const names = findSearchFields(db, "st", 10).map((field) => field.name);
    expect(names).toEqual(["status", "storages.capacity", "storages.status"]);
    expect(findSearchFields(db, "NICS.", 10).map((field) => field.name)).toEqual([
      "nics.mac",
      "nics.ip_addr",
    ]);
  });

  it("takes a pruned delivery out of the index", () => {
    resetSearchIndex(db);
    while (indexSearchStep(db, 100) > 0);
    db.prepare("DELETE FROM deliveries WHERE id = 1").run();
    const candidates = db
      .prepare("SELECT rowid FROM search_index WHERE search_index MATCH ?")
      .pluck()
      .all(planSearch(parseSearchQuery("host:node-48")).match);
    expect(candidates).toEqual([]);
  });

  it("drops a batch read before the index was reset, and indexes it again from the start", () => {
    resetSearchIndex(db);
    const unindexed = select("node-48");
    const early = readSearchBatch(db, 0, 2)!;
    expect(writeSearchBatch(db, early)).toBe(2);
    const stale = readSearchBatch(db, 2, 2)!;
    resetSearchIndex(db);
    expect(writeSearchBatch(db, stale)).toBe(0);
    expect(searchIndexStatus(db).indexed_through).toBe(0);
    while (indexSearchStep(db, 100) > 0);
    expect(select("node-48")).toEqual(unindexed);
    expect(unindexed.length).toBeGreaterThan(0);
  });

  it("leaves out a delivery pruned between reading and writing its batch", () => {
    resetSearchIndex(db);
    while (indexSearchStep(db, 100) > 0);
    const last = searchIndexStatus(db).newest_delivery_id;
    resetSearchIndex(db);
    const batch = readSearchBatch(db, 0, last)!;
    db.prepare("DELETE FROM deliveries WHERE id = 2").run();
    expect(writeSearchBatch(db, batch)).toBe(last);
    const candidates = db
      .prepare("SELECT rowid FROM search_index WHERE search_index MATCH ?")
      .pluck()
      .all(planSearch(parseSearchQuery("host:node-480")).match);
    expect(candidates).toEqual([]);
  });
});
