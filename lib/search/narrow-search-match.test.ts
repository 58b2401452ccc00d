import { expect, it } from "vitest";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { narrowSearchMatch } from "./narrow-search-match";
import { parseSearchQuery } from "./parse-search-query";
import { indexSearchStep } from "./search-index-sqlite";
import { planSearch } from "./search-terms";
import { searchPageIds } from "./search-test-cases";

const db = migratedMemoryDatabase();
db.prepare("INSERT INTO endpoints (id, name, token, updated_at) VALUES ('ep', 'ep', 't', 0)").run();
const insert = db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, resource_type,
  signature, size, body_hash) VALUES ('ep', 0, 'event', 'server', 'unsigned', 1, 'h')`);
const content = db.prepare(`INSERT INTO delivery_contents (delivery_id, encoding, headers, body)
  VALUES (?, 'identity', '[]', ?)`);
// Every delivery has an address in 10.0.0.0/8; one of them 10.168.115.57.
const ips = Array.from({ length: 40 }, (_, i) =>
  i === 17 ? "10.168.115.57" : `10.${i}.${i * 3}.${i * 7}`,
);
for (const ip of ips) {
  const body = { action: "update", resource_type: "server", resource_details: { ip } };
  content.run(insert.run().lastInsertRowid, JSON.stringify(body));
}
while (indexSearchStep(db, 100) > 0);

const page = (text: string) => searchPageIds(db, text);

it("leaves out a token most deliveries hold, and still finds exactly the matches", () => {
  const plan = planSearch(parseSearchQuery("10.168.115.57"));
  const narrowed = narrowSearchMatch(db, plan, 40)!;
  expect(narrowed.split(" AND ").length).toBe(plan.tokens.length - 1);
  expect(page("10.168.115.57")).toEqual([18]);
  const holding = ips.flatMap((ip, i) => (ip.includes("10.1") ? [i + 1] : [])).reverse();
  expect(holding.length).toBeGreaterThan(5);
  expect(page("10.1")).toEqual(holding);
});

it("keeps every token of an exact plan, and the rarest when all are common", () => {
  const exact = planSearch(parseSearchQuery("ip:10.168.115.57 ip:10.*"));
  expect(narrowSearchMatch(db, exact, 40)).toBe(exact.match);
  const common = planSearch(parseSearchQuery("10.1"));
  expect(common.tokens.length).toBe(2);
  expect(narrowSearchMatch(db, common, 40)).toBe(common.tokens[1]);
});
