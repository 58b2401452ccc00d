import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "../../lib/db/connection";
import { getPrisma } from "../../lib/db/prisma";
import { deliveriesAfter, feedPage } from "../../lib/db/queries/deliveries";
import { PostgresDeliveryWriter } from "../../lib/db/queries/delivery-writer-postgres";
import { openReceivingStore } from "../../lib/db/queries/receiving";
import { readDelivery } from "../../lib/events/get-delivery";
import type { DeliveryRecord } from "../../lib/ingest/delivery-record";
import { deliveryRecordFixture } from "../../lib/ingest/delivery-record-fixture";
import { DUPLICATE_WINDOW_MS } from "../../lib/ingest/delivery-writer";
import { ENGINES, openFreshDatabase } from "../support/both-engines";

/**
 * The receiver's store (lib/db/queries/receiving.ts) on both engines: SQLite's group
 * commit and PostgreSQL's writer keep the same deliveries, contents, duplicates and
 * resources, and the feed reads them back alike. What needs several writers on one
 * database (several instances) is PostgreSQL's alone.
 */
const T0 = Date.UTC(2026, 11, 2, 12, 0, 0, 123);

const record = (overrides: Partial<DeliveryRecord> = {}): DeliveryRecord =>
  deliveryRecordFixture({
    receivedAt: T0,
    headers: Buffer.from('[["content-type","application/json"]]'),
    body: Buffer.from('{"a":1}'),
    ...overrides,
  });

async function resource(id: string) {
  const row = await getPrisma().resource.findUnique({
    where: { resourceType_resourceId: { resourceType: "server", resourceId: id } },
  });
  return (
    row && {
      name: row.resourceName,
      status: row.status,
      action: row.lastAction,
      last: row.lastDeliveryId,
      count: row.deliveryCount,
      deleted: row.deleted,
      first: row.firstSeenAt.getTime(),
      seen: row.lastSeenAt.getTime(),
    }
  );
}

describe.each(ENGINES)("the receiver's store on %s", (engine) => {
  let close: () => Promise<void>;
  let connection: Connection;
  beforeEach(async () => {
    ({ close, connection } = await openFreshDatabase(engine, "receiving"));
    await getPrisma().endpoint.create({ data: { id: "ep", name: "e", token: "tok" } });
  });
  afterEach(() => close());

  it("finds an endpoint by token, enabled as 0/1", async () => {
    const store = openReceivingStore(0);
    expect(await store.findEndpoint("tok")).toMatchObject({ id: "ep", msgKey: "", enabled: 1 });
    expect(await store.findEndpoint("nope")).toBeUndefined();
  });

  it("keeps deliveries and contents, and points re-sends at the first of their chain", async () => {
    const { writer } = openReceivingStore(0);
    // One batch: written in the same turn of the loop.
    const [first, verification, again] = await Promise.all([
      writer.write(record({ warnings: ["message_overwritten"], secretFields: ["a.b"] })),
      writer.write(record({ kind: "verification", resourceType: null, resourceId: null })),
      writer.write(record({ kind: "verification", resourceType: null, resourceId: null })),
    ]);
    const resend = await writer.write(record({ receivedAt: T0 + 60_000 }));
    const resendAgain = await writer.write(record({ receivedAt: T0 + 120_000 }));
    const later = await writer.write(
      record({ receivedAt: T0 + 120_000 + DUPLICATE_WINDOW_MS + 1 }),
    );
    const other = await writer.write(record({ bodyHash: "h2", receivedAt: T0 + 1 }));
    expect([first, verification, again].map((row) => row.duplicateOf)).toEqual([null, null, null]);
    expect(first.id).toBeLessThan(verification.id);
    expect(verification.id).toBeLessThan(again.id);
    expect(resend.duplicateOf).toBe(first.id);
    expect(resendAgain.duplicateOf).toBe(first.id);
    expect(later.duplicateOf).toBeNull();
    expect(other.duplicateOf).toBeNull();

    const detail = await readDelivery({ id: first.id });
    expect(detail).toMatchObject({
      id: first.id,
      endpoint_id: "ep",
      received_at: new Date(T0).toISOString(),
      kind: "event",
      duplicate_of: null,
      warnings: ["message_overwritten"],
      secret_fields: ["a.b"],
      headers: [["content-type", "application/json"]],
      body: '{"a":1}',
      payload: { a: 1 },
      endpoint: { id: "ep", name: "e" },
    });
    expect((await readDelivery({ id: resend.id })).duplicate_of).toBe(first.id);
    await expect(readDelivery({ id: 999_999 })).rejects.toThrow("Delivery not found");

    const page = await feedPage({ endpoint: "ep", kind: ["event"] }, undefined, 3);
    expect(page.map((row) => row.id)).toEqual([other.id, later.id, resendAgain.id]);
    expect(page[0]!.received_at).toBe(T0 + 1);
    const below = await feedPage({ endpoint: "ep" }, resend.id, 10);
    expect(below.map((row) => row.id)).toEqual([again.id, verification.id, first.id]);
    const since = await feedPage({ since: T0 + 60_000, until: T0 + 120_001 }, undefined, 10);
    expect(since.map((row) => row.id)).toEqual([resendAgain.id, resend.id]);
    const duplicates = await feedPage({ duplicate: true }, undefined, 10);
    expect(duplicates.map((row) => row.id)).toEqual([resendAgain.id, resend.id]);
    const after = await deliveriesAfter({ kind: ["verification"] }, first.id, 1);
    expect(after.map((row) => row.id)).toEqual([verification.id]);
  });

  it("keeps each resource as row-by-row upserts would, however a batch mixes them", async () => {
    const { writer } = openReceivingStore(0);
    const one = await writer.write(record({ resourceId: "a", bodyHash: "a0" }));
    // One batch: a re-send about an existing row, an event, a re-send, and a new resource
    // first seen through a re-send of a body that another resource had (it makes the row).
    const batch = await Promise.all([
      writer.write(record({ resourceId: "a", bodyHash: "a0", receivedAt: T0 + 10 })),
      writer.write(
        record({
          resourceId: "a",
          bodyHash: "a1",
          action: "start",
          resourceName: null,
          resourceStatus: "starting",
          receivedAt: T0 + 20,
        }),
      ),
      writer.write(record({ resourceId: "a", bodyHash: "a0", receivedAt: T0 + 30 })),
      writer.write(record({ resourceId: "b", bodyHash: "a1", receivedAt: T0 + 40 })),
      writer.write(
        record({ resourceId: "b", bodyHash: "b1", action: "delete", receivedAt: T0 + 50 }),
      ),
      writer.write(record({ resourceId: "c", signature: "invalid", bodyHash: "c1" })),
    ]);
    expect(batch.map((row) => row.duplicateOf)).toEqual([
      one.id,
      null,
      one.id,
      batch[1].id,
      null,
      null,
    ]);
    expect(await resource("a")).toEqual({
      name: "vm",
      status: "starting",
      action: "start",
      last: batch[1].id,
      count: 4,
      deleted: false,
      first: T0,
      seen: T0 + 30,
    });
    expect(await resource("b")).toEqual({
      name: "vm",
      status: "running",
      action: "delete",
      last: batch[4].id,
      count: 2,
      deleted: true,
      first: T0 + 40,
      seen: T0 + 50,
    });
    expect(await resource("c")).toBeNull();
    expect(connection.engine).toBe(engine);
  });

  it("fails only the delivery whose endpoint is gone, not its batch", async () => {
    const { writer } = openReceivingStore(0);
    const [kept, refused] = await Promise.allSettled([
      writer.write(record()),
      writer.write(record({ endpointId: "gone", bodyHash: "x" })),
    ]);
    expect(kept.status).toBe("fulfilled");
    expect(refused.status).toBe("rejected");
    expect((await feedPage({}, undefined, 10)).length).toBe(1);
  });

  it("keeps a delivery whose derived text holds U+0000, its body byte for byte", async () => {
    // `{"Msg":"a\u0000b"}` is valid JSON; PostgreSQL's text cannot hold U+0000.
    const body = Buffer.from('{"resource_details":{"name":"vm\\u0000x"}}');
    const { writer } = openReceivingStore(0);
    const stored = await writer.write(
      record({ body, message: "a\u0000b", resourceName: "vm\u0000x", resourceId: "n\u0000l" }),
    );
    const [row] = await feedPage({}, undefined, 10);
    const kept = engine === "sqlite" ? "\u0000" : "\uFFFD";
    expect(row).toMatchObject({ id: stored.id, message: `a${kept}b`, resource_name: `vm${kept}x` });
    expect((await readDelivery({ id: stored.id })).body).toBe(body.toString());
    const [resourceRow] = await getPrisma().resource.findMany();
    expect(resourceRow).toMatchObject({ resourceId: `n${kept}l`, resourceName: `vm${kept}x` });
  });
});

describe("several writers on one PostgreSQL database (several instances)", () => {
  let close: () => Promise<void>;
  let connection: Connection;
  beforeEach(async () => {
    ({ close, connection } = await openFreshDatabase("postgresql", "writers"));
    await getPrisma().endpoint.create({ data: { id: "ep", name: "e", token: "tok" } });
  });
  afterEach(() => close());

  const writers = () => {
    if (connection.engine !== "postgresql") throw new Error("PostgreSQL only");
    return [
      new PostgresDeliveryWriter(connection.pool, 0),
      new PostgresDeliveryWriter(connection.pool, 0),
    ];
  };

  it("recognise a re-send that reaches the other one", async () => {
    const [a, b] = writers();
    const first = await a!.write(record());
    const resend = await b!.write(record({ receivedAt: T0 + 60_000 }));
    const again = await a!.write(record({ receivedAt: T0 + 120_000 }));
    expect(resend.duplicateOf).toBe(first.id);
    expect(again.duplicateOf).toBe(first.id);
  });

  it("commit ids in order and recognise each body once under concurrent batches", async () => {
    const [a, b] = writers();
    const written = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 2 ? a! : b!).write(
          record({ bodyHash: `h${i % 50}`, resourceId: `s${i % 7}`, receivedAt: T0 + i }),
        ),
      ),
    );
    expect(new Set(written.map((row) => row.id)).size).toBe(200);
    const roots = written.filter((row) => row.duplicateOf === null);
    expect(roots).toHaveLength(50);
    const rows = await deliveriesAfter({}, 0, 500);
    expect(rows.map((row) => row.id)).toEqual(written.map((row) => row.id).sort((x, y) => x - y));
    const counts = await getPrisma().resource.aggregate({ _sum: { deliveryCount: true } });
    expect(counts._sum.deliveryCount).toBe(200);
  });
});
