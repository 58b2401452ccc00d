import { afterEach, expect, it } from "vitest";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { runIndexStep, type IndexStepRequest, type IndexStepResult } from "./search-index-step";
import { resetSearchIndex, searchIndexStatus } from "./search-index-sqlite";
import { requestSearchIndexing, startSearchIndex } from "./start-search-index";

const db = migratedMemoryDatabase();
let stop = () => {};
afterEach(() => stop());

function insertDeliveries(count: number) {
  db.prepare(
    "INSERT INTO endpoints (id, name, token, updated_at) VALUES ('ep', 'ep', 't', 0)",
  ).run();
  insertMore(count);
}

function insertMore(count: number) {
  const insert = db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, resource_type,
    resource_id, resource_name, message_key, signature, size, body_hash)
    VALUES ('ep', 0, 'event', 'server', @id, @id, 'Msg', 'unsigned', 1, 'h')`);
  const content = db.prepare(`INSERT INTO delivery_contents (delivery_id, encoding, headers, body)
    VALUES (?, 'identity', '[]', ?)`);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const details = {
        id: `srv-${i}`,
        status: i % 3 ? "running" : "ready",
        ips: `10.${i % 250}.${(i >> 8) % 250}.${i % 7}`,
        nics: [{ mac: `00:22:a9:${i % 99}:06:aa`, ip_addr: `10.168.${i % 250}.57` }],
        created_at: new Date(i * 1000).toISOString(),
      };
      const body = { action: "update", resource_type: "server", resource_details: details };
      content.run(insert.run({ id: `srv-${i}` }).lastInsertRowid, JSON.stringify(body));
    }
  })();
}

it("catches up on existing deliveries when nothing else runs", async () => {
  // Its pace once fell to a twelfth because its own steps counted as a busy receiver; that
  // rule is tested on its own (receiver-pressure.test.ts: "grows with no deliveries") and
  // the catch-up's speed is measured by `npm run bench`, not timed here.
  insertDeliveries(3000);
  stop = startSearchIndex({ db }).stop;
  for (;;) {
    const status = searchIndexStatus(db);
    if (status.indexed_through >= status.newest_delivery_id) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(searchIndexStatus(db).indexed_through).toBe(3000);
  const rows = db.prepare("SELECT count(*) FROM search_index").pluck().get();
  expect(rows).toBe(3000);
}, 60_000);

it("catches up through a worker off the loop, indexing each delivery once", async () => {
  // The first test's deliveries, indexed again from nothing through an asynchronous worker
  // (the server's runs in a worker thread), with more arriving while it runs.
  resetSearchIndex(db);
  let steps = 0;
  const worker = {
    step: (request: IndexStepRequest) =>
      new Promise<IndexStepResult>((resolve) => {
        steps++;
        setTimeout(() => resolve(runIndexStep(db, request)), 1);
      }),
    stop: () => {},
  };
  stop = startSearchIndex({ db, worker }).stop;
  const indexed = async (through: number) => {
    while (searchIndexStatus(db).indexed_through < through) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  await indexed(1);
  insertMore(500);
  requestSearchIndexing();
  await indexed(3500);
  const rows = db.prepare("SELECT count(*) FROM search_index").pluck().get();
  expect(rows).toBe(3500);
  expect(steps).toBeGreaterThan(1);
}, 60_000);
