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
const ips = Array.from({ length: 120 }, (_, i) =>
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
  const narrowed = narrowSearchMatch(db, plan, 120)!;
  expect(narrowed.split(" AND ").length).toBeLessThanOrEqual(6);
  expect(narrowed).not.toContain(plan.tokens[0]);
  expect(plan.tokens[0]).toContain("10");
  expect(page("10.168.115.57")).toEqual([18]);
  const holding = ips.flatMap((ip, i) => (ip.includes("10.1") ? [i + 1] : [])).reverse();
  expect(holding.length).toBeGreaterThan(20);
  expect(page("10.1")).toEqual(holding.slice(0, 50));
});

it("keeps the plan's tokens for an exact plan, a dense result, or when none is rare", () => {
  const exact = planSearch(parseSearchQuery("ip:10.168.115.57 ip:10.*"));
  expect(narrowSearchMatch(db, exact, 120)).toBe(exact.match);
  const dense = planSearch(parseSearchQuery("10.1"));
  expect(narrowSearchMatch(db, dense, 120)).toBe(dense.match);
});
