import { beforeAll, describe, expect, it } from "vitest";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { deliveryFilterSchema } from "./delivery-filter";
import { deliveryFilterSql } from "../db/queries/delivery-filter";
import { SUMMARY_COLUMNS, summaryFromRow, type SummaryRow } from "./delivery-summary";
import { matchesFilter } from "./match-filter";
import { matchesSearch } from "../search/match-search";
import { parseSearchQuery } from "../search/parse-search-query";
import { searchDocument } from "../search/search-document";
import type { DeliverySummary } from "./delivery-summary";
import type { DeliveryFilter } from "./delivery-filter";

/**
 * The live stream filters in memory (matchesFilter) what the list, facets and export
 * filter in SQL (deliveryFilterSql): the two must agree on every case, or a live feed
 * would show rows that a reload drops. Both run here over the same rows.
 */
const db = migratedMemoryDatabase();
const T0 = Date.parse("2026-03-01T00:00:00.000Z");

beforeAll(() => {
  for (const id of ["ep-a", "ep-b"]) {
    db.prepare("INSERT INTO endpoints (id, name, token, updated_at) VALUES (?, ?, ?, 0)").run(
      id,
      id,
      `t-${id}`,
    );
  }
  const insert =
    db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, kind, event_type, resource_type, action,
    result, resource_id, resource_name, message, signature, size, body_hash, duplicate_of)
    VALUES (@endpoint, @at, @kind, @event_type, @type, @action, @result, @rid, @name, @message, @signature, 10, 'h', @dup)`);
  const event = (
    type: string,
    action: string,
    result: string,
    rid: string,
    name: string,
    signature: string,
    dup: number | null = null,
  ) => ({ kind: "event", type, action, result, rid, name, signature, dup });
  const rows = [
    event("server", "create", "succeed", "s-1", "Web-01", "valid"),
    event("server", "delete", "failed", "s-2", "db_primary", "invalid"),
    event("host", "update", "succeed", "h-1", "100%_host", "unsigned"),
    event("disk", "create", "succeed", "d-1", "<script>alert(1)</script>", "unsigned"),
    { kind: "verification", message: "This is a validate message.", signature: "unsigned" },
    {
      kind: "text",
      message: "server web-01 start succeeded",
      signature: "valid",
      event_type: "SERVER/START",
    },
    { kind: "unparsed", signature: "unsigned" },
    event("server", "create", "succeed", "s-1", "Web-01", "valid", 1),
  ];
  rows.forEach((row, i) =>
    insert.run({
      endpoint: i % 3 === 2 ? "ep-b" : "ep-a",
      at: T0 + i * 60_000,
      type: null,
      action: null,
      result: null,
      rid: null,
      name: null,
      message: null,
      dup: null,
      event_type:
        row.kind === "event" && "type" in row ? `${row.type}/${row.action}`.toUpperCase() : null,
      ...row,
    }),
  );
});

const cases: Array<Record<string, string>> = [
  {},
  { endpoint: "ep-b" },
  { kind: "event" },
  { kind: "verification,text" },
  { resource_type: "server" },
  { resource_type: "server,host", action: "create,update" },
  { action: "delete", result: "failed" },
  { result: "succeed" },
  { signature: "valid" },
  { signature: "invalid,unsigned" },
  { resource_id: "s-1" },
  { duplicate: "true" },
  { duplicate: "false" },
  { since: "2026-03-01T00:02:00.000Z" },
  { until: "2026-03-01T00:02:00.000Z" },
  { since: "2026-03-01T00:01:00Z", until: "2026-03-01T00:05:00Z" },
  { q: "web" },
  { q: "WEB-01" },
  { q: "100%" },
  { q: "db_" },
  { q: "validate" },
  { q: "server/start" },
  { q: "<script>" },
  { q: "nothing-matches" },
  { endpoint: "ep-a", kind: "event", resource_type: "server", q: "web", duplicate: "false" },
];

/** The stream applies `q` apart (it reads stored bodies; these rows have none). */
function matchesWithSearch(item: DeliverySummary, filter: DeliveryFilter): boolean {
  if (!matchesFilter(item, filter)) return false;
  if (!filter.q) return true;
  const document = searchDocument({
    body: null,
    messageKey: item.message_key,
    resourceName: item.resource_name,
    resourceId: item.resource_id,
    message: item.message,
    eventType: item.event_type,
  });
  return matchesSearch(parseSearchQuery(filter.q), document);
}

describe("matchesFilter agrees with deliveryFilterSql", () => {
  it.each(
    cases.map(
      (params) => [new URLSearchParams(params).toString() || "(no filter)", params] as const,
    ),
  )("%s", (_label, params) => {
    const filter = deliveryFilterSchema.parse(params);
    const all = (
      db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries ORDER BY id`).all() as SummaryRow[]
    ).map(summaryFromRow);
    const where = deliveryFilterSql(filter, "", { db });
    const bySql = (
      db
        .prepare(`SELECT id FROM deliveries WHERE ${where.sql} ORDER BY id`)
        .all(where.params) as Array<{ id: number }>
    ).map((row) => row.id);
    const inMemory = all.filter((item) => matchesWithSearch(item, filter)).map((item) => item.id);
    expect(inMemory).toEqual(bySql);
  });

  it("is not vacuous: the cases select different subsets", () => {
    const sizes = new Set(
      cases.map((params) => {
        const where = deliveryFilterSql(deliveryFilterSchema.parse(params), "", { db });
        return (
          db
            .prepare(`SELECT count(*) AS n FROM deliveries WHERE ${where.sql}`)
            .get(where.params) as { n: number }
        ).n;
      }),
    );
    expect(sizes.size).toBeGreaterThan(5);
  });
});
