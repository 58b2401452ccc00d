import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { deliveryFilterSchema } from "./delivery-filter";
import { deliveryFilterSql } from "../db/queries/delivery-filter";
import type { DeliverySummary } from "./delivery-summary";
import { summaryFixture } from "./summary-fixture";
import { matchesFilter } from "./match-filter";

const base = summaryFixture();

const items: DeliverySummary[] = [
  base,
  {
    ...base,
    id: 1,
    action: "update",
    result: "failed",
    signature: "invalid",
    received_at: "2026-11-28T11:00:00.000Z",
  },
  {
    ...base,
    id: 2,
    resource_type: "disk",
    resource_id: "d-1",
    resource_name: "数据盘 100%",
    duplicate_of: 1,
    endpoint_id: "ep2",
  },
  {
    ...base,
    id: 3,
    kind: "text",
    event_type: null,
    resource_type: null,
    action: null,
    result: null,
    resource_id: null,
    resource_name: null,
    message: "alert: CPU_high",
  },
];

const filters: Array<Record<string, string>> = [
  {},
  { endpoint: "ep2" },
  { kind: "text" },
  { resource_type: "server" },
  { resource_type: "server,disk", action: "create" },
  { result: "failed" },
  { signature: "invalid,unsigned" },
  { resource_id: "d-1" },
  { duplicate: "true" },
  { duplicate: "false" },
  { since: "2026-11-28T10:30:00Z" },
  { until: "2026-11-28T10:30:00Z" },
];

describe("feed filter", () => {
  const db = new Database(":memory:");
  db.exec(`CREATE TABLE deliveries (id INTEGER PRIMARY KEY, endpoint_id TEXT, received_at INTEGER, kind TEXT,
    event_type TEXT, resource_type TEXT, action TEXT, result TEXT, resource_id TEXT, resource_name TEXT,
    message TEXT, signature TEXT, duplicate_of INTEGER)`);
  const insert =
    db.prepare(`INSERT INTO deliveries VALUES (@id, @endpoint_id, @received_at, @kind, @event_type,
    @resource_type, @action, @result, @resource_id, @resource_name, @message, @signature, @duplicate_of)`);
  for (const item of items) insert.run({ ...item, received_at: Date.parse(item.received_at) });

  it.each(filters)("SQL and in-memory matching agree for %o", (raw) => {
    const filter = deliveryFilterSchema.parse(raw);
    const where = deliveryFilterSql(filter);
    const fromSql = db
      .prepare(`SELECT id FROM deliveries WHERE ${where.sql} ORDER BY id`)
      .pluck()
      .all(where.params);
    const inMemory = items.filter((item) => matchesFilter(item, filter)).map((item) => item.id);
    expect(fromSql).toEqual(inMemory);
  });

  it("refuses a search that does not parse with a 400 that says where", () => {
    expect(() => deliveryFilterSchema.parse({ q: 'status:"running' })).toThrow(
      expect.objectContaining({
        code: "bad_request",
        message: expect.stringMatching(/at character 8/),
      }),
    );
    expect(deliveryFilterSchema.parse({ q: "  status:running  " }).q).toBe("status:running");
  });

  it("refuses bad values with the field named", () => {
    expect(deliveryFilterSchema.safeParse({ since: "yesterday" }).error?.issues[0]?.path).toEqual([
      "since",
    ]);
    expect(deliveryFilterSchema.safeParse({ duplicate: "maybe" }).success).toBe(false);
  });

  it("refuses an unknown kind or signature naming the allowed values", () => {
    const kind = deliveryFilterSchema.safeParse({ kind: "event,validation" });
    expect(kind.error?.issues[0]?.path).toEqual(["kind"]);
    expect(kind.error?.issues[0]?.message).toBe(
      'unknown value "validation"; allowed: event, verification, text, unparsed, redirected',
    );
    // The platform's result is stored as sent, so any value is a filter that can match.
    expect(deliveryFilterSchema.parse({ result: "success,constructor" })).toMatchObject({
      result: ["success", "constructor"],
    });
    expect(deliveryFilterSchema.safeParse({ signature: "ok" }).success).toBe(false);
    expect(
      deliveryFilterSchema.parse({ kind: "redirected, verification", signature: "unsigned" }),
    ).toMatchObject({ kind: ["redirected", "verification"], signature: ["unsigned"] });
  });
});
