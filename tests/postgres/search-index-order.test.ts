import type pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "../../lib/db/connection";
import { getPrisma } from "../../lib/db/prisma";
import { openReceivingStore } from "../../lib/db/queries/receiving";
import { indexSearchChunk } from "../../lib/db/queries/search-index";
import { clientRows } from "../../lib/db/sql-query";
import { deliveryRecordFixture } from "../../lib/ingest/delivery-record-fixture";
import { openFreshDatabase } from "../support/both-engines";

/**
 * The payload search indexer on PostgreSQL under concurrent writers
 * (lib/db/queries/search-index-postgres.ts): an id drawn before another and committed after
 * it is never skipped, and a drawn id rolled back does not hold the index back once its
 * transaction ended. The transactions are made by hand, so that their order is the
 * test's, not the writer's (whose ingest lock keeps its own in order).
 */
const through = async (client: pg.PoolClient) =>
  (
    await clientRows<{ through: number }>(
      client,
      "SELECT indexed_through AS through FROM search_index_state WHERE id = 1",
    )
  )[0]!.through;

const indexed = async (client: pg.PoolClient) =>
  (
    await clientRows<{ id: number }>(
      client,
      "SELECT delivery_id AS id FROM search_index ORDER BY delivery_id",
    )
  ).map((row) => row.id);

async function drawId(client: pg.PoolClient) {
  await client.query("BEGIN");
  return (await clientRows<{ id: number }>(client, "SELECT nextval('deliveries_id_seq') AS id"))[0]!
    .id;
}
const insertDelivery = (client: pg.PoolClient, id: number) =>
  client.query(
    `INSERT INTO deliveries (id, endpoint_id, received_at, kind, resource_type, action, result,
       resource_id, resource_name, signature, size, body_hash)
     VALUES ($1, 'ep', now(), 'event', 'server', 'update', 'failed', 'late', $2, 'valid', 1, 'hand')`,
    [id, `late-${id}`],
  );

/** Steps until nothing settled is left past the watermark. */
async function indexAll() {
  for (let i = 0; i < 100; i++) if ((await indexSearchChunk(500)).caughtUp) return;
  throw new Error("the index did not catch up");
}

describe("the search indexer on PostgreSQL under concurrent writers", () => {
  let close: () => Promise<void>;
  let connection: Connection;
  let pool: pg.Pool;
  const clients: pg.PoolClient[] = [];
  const client = async () => {
    const opened = await pool.connect();
    clients.push(opened);
    return opened;
  };
  beforeEach(async () => {
    ({ close, connection } = await openFreshDatabase("postgresql", "search_order"));
    if (connection.engine !== "postgresql") throw new Error("PostgreSQL expected");
    pool = connection.pool;
    await getPrisma().endpoint.create({ data: { id: "ep", name: "e", token: "tok" } });
    const { writer } = openReceivingStore(0);
    for (let i = 0; i < 20; i++)
      await writer.write(deliveryRecordFixture({ bodyHash: `h${i}`, resourceId: `s-${i}` }));
  });
  afterEach(async () => {
    for (const opened of clients.splice(0)) {
      await opened.query("ROLLBACK").catch(() => undefined);
      opened.release();
    }
    await close();
  });

  it("never skips an id that commits after a higher one", async () => {
    const reader = await client();
    await indexAll();
    const before = await through(reader);
    expect(before).toBeGreaterThanOrEqual(20);

    const early = await client();
    const late = await client();
    const a = await drawId(early);
    await insertDelivery(early, a);
    const b = await drawId(late);
    await insertDelivery(late, b);
    await late.query("COMMIT");
    expect(a).toBeLessThan(b);

    // b is visible, a is not yet: a watermark at the newest id would pass a for good.
    const step = await indexSearchChunk(500);
    expect(step).toMatchObject({ written: 0, waiting: true });
    expect(await through(reader)).toBe(before);

    await early.query("COMMIT");
    await indexAll();
    expect(await through(reader)).toBe(b);
    expect(await indexed(reader)).toEqual(expect.arrayContaining([a, b]));
  });

  it("goes on past an id drawn and rolled back, once its transaction ended", async () => {
    const reader = await client();
    await indexAll();
    const gone = await client();
    const kept = await client();
    const a = await drawId(gone);
    await insertDelivery(gone, a);
    const b = await drawId(kept);
    await insertDelivery(kept, b);
    await kept.query("COMMIT");
    expect((await indexSearchChunk(500)).waiting).toBe(true);
    await gone.query("ROLLBACK");
    await indexAll();
    expect(await through(reader)).toBe(b);
    expect(await indexed(reader)).toContain(b);
    expect(await indexed(reader)).not.toContain(a);
  });
});
