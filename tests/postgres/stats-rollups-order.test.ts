import type pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  closeConnection,
  openConnection,
  replaceConnection,
  type Connection,
} from "../../lib/db/connection";
import { getPrisma } from "../../lib/db/prisma";
import { closeJobLocks } from "../../lib/db/queries/job-locks";
import { openReceivingStore } from "../../lib/db/queries/receiving";
import { refreshRollups } from "../../lib/db/queries/stats-rollups";
import { clientRows } from "../../lib/db/sql-query";
import { deliveryRecordFixture } from "../../lib/ingest/delivery-record-fixture";
import { countDeliveries } from "../../lib/stats/count-deliveries";
import { startStatsRollups } from "../../lib/stats/start-stats-rollups";
import { statsSeriesSchema } from "../../lib/stats/stats-query";
import { openFreshDatabase } from "../support/both-engines";
import { eventually } from "../support/deliveries";
import { HOUR, iso, MINUTE, mix, T0 } from "../support/stats-mix";

/**
 * The stats rollups on PostgreSQL under concurrent writers (lib/db/queries/stats-rollups.ts):
 * an id drawn before another and committed after it is never skipped, a drawn id rolled
 * back does not hold them back once its transaction ended, two instances refreshing at
 * once count nothing twice, and the background job under its job lock comes back by
 * itself for ids that were settling. The transactions are made by hand, so that their
 * order is the test's, not the writer's (whose ingest lock keeps its own in order).
 */

/** The rollups against the same counts computed from the deliveries themselves. */
async function expectRollupsToMatch(client: pg.PoolClient) {
  const dims = `endpoint_id, kind, coalesce(resource_type, '') AS resource_type,
    coalesce(action, '') AS action, coalesce(result, '') AS result, signature`;
  for (const span of [MINUTE, HOUR]) {
    const truth = await clientRows<Record<string, unknown>>(
      client,
      `SELECT date_bin(${span} * interval '1 ms', received_at, timestamptz 'epoch') AS t, ${dims},
         count(*)::int AS n FROM deliveries GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    );
    const rollup = await clientRows<Record<string, unknown>>(
      client,
      `SELECT bucket_start AS t, endpoint_id, kind, resource_type, action, result, signature,
         count AS n FROM delivery_counts WHERE span = ${span} ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    );
    expect(rollup.map((row) => Object.values(row))).toEqual(truth.map((row) => Object.values(row)));
  }
}

const watermark = async (client: pg.PoolClient) =>
  (
    await clientRows<{ w: number }>(
      client,
      "SELECT last_delivery_id AS w FROM stats_rollup_state WHERE id = 1",
    )
  )[0]!.w;

/** A delivery written by hand in a transaction of its own, its id drawn first. */
async function drawId(client: pg.PoolClient) {
  await client.query("BEGIN");
  return (await clientRows<{ id: number }>(client, "SELECT nextval('deliveries_id_seq') AS id"))[0]!
    .id;
}
const insertDelivery = (client: pg.PoolClient, id: number, at = T0) =>
  client.query(
    `INSERT INTO deliveries (id, endpoint_id, received_at, kind, resource_type, action, result,
       resource_id, signature, size, body_hash)
     VALUES ($1, 'ep', to_timestamp($2 / 1000.0), 'event', 'server', 'update', 'failed', 'late',
       'valid', 1, 'hand')`,
    [id, at],
  );

const dayTotal = async () =>
  (
    await countDeliveries(
      statsSeriesSchema.parse({
        since: iso(T0 - HOUR),
        until: iso(T0 + 23 * HOUR),
        group_by: "kind",
      }),
    )
  ).totals.event ?? 0;

describe("the rollups on PostgreSQL under concurrent writers", () => {
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
    ({ close, connection } = await openFreshDatabase("postgresql", "stats_order"));
    if (connection.engine !== "postgresql") throw new Error("PostgreSQL expected");
    pool = connection.pool;
    await getPrisma().endpoint.create({ data: { id: "ep", name: "e", token: "tok" } });
    const { writer } = openReceivingStore(0);
    await Promise.all(mix(50, 2000).map((record) => writer.write({ ...record, endpointId: "ep" })));
  });
  afterEach(async () => {
    for (const opened of clients.splice(0)) {
      await opened.query("ROLLBACK").catch(() => undefined);
      opened.release();
    }
    await closeJobLocks();
    await close();
  });

  it("never skips an id that commits after a higher one", async () => {
    const reader = await client();
    while ((await refreshRollups()).covered > 0);
    const before = await watermark(reader);
    const events = await dayTotal();

    const early = await client();
    const late = await client();
    const a = await drawId(early);
    await insertDelivery(early, a);
    const b = await drawId(late);
    await insertDelivery(late, b);
    await late.query("COMMIT");
    expect(a).toBeLessThan(b);

    // b is visible, a is not yet: a watermark at the newest id would pass a for good.
    expect(await refreshRollups()).toEqual({ covered: 0, waiting: true });
    expect(await watermark(reader)).toBe(before);
    expect(await dayTotal()).toBe(events + 1);

    await early.query("COMMIT");
    expect(await dayTotal()).toBe(events + 2);
    const { covered } = await refreshRollups();
    expect(covered).toBe(b - before);
    expect(await watermark(reader)).toBe(b);
    await expectRollupsToMatch(reader);
    expect(await dayTotal()).toBe(events + 2);
  });

  it("goes on past an id drawn and rolled back, once its transaction ended", async () => {
    const reader = await client();
    const stalled = await client();
    const drawn = await drawId(stalled);
    const later = await client();
    const next = await drawId(later);
    await insertDelivery(later, next);
    await later.query("COMMIT");
    expect((await refreshRollups()).waiting).toBe(true);
    expect(await watermark(reader)).toBeLessThan(drawn);
    await stalled.query("ROLLBACK");
    await refreshRollups();
    expect(await watermark(reader)).toBe(next);
    await expectRollupsToMatch(reader);
  });

  it("keeps out a delivery deleted while a refresh would count it", async () => {
    const reader = await client();
    while ((await refreshRollups()).covered > 0);
    const { writer } = openReceivingStore(0);
    const extra = await writer.write(deliveryRecordFixture({ endpointId: "ep", bodyHash: "gone" }));
    const deleting = await client();
    await deleting.query("BEGIN");
    await deleting.query("DELETE FROM deliveries WHERE id = $1", [extra.id]);
    // Above the watermark, so the delete's trigger takes nothing out: the refresh must not
    // count it meanwhile (it waits for the delete's transaction).
    const refreshing = refreshRollups();
    const waits = eventually(async () => {
      const rows = await clientRows(reader, "SELECT 1 FROM pg_locks WHERE NOT granted");
      expect(rows).not.toEqual([]);
    });
    await Promise.race([refreshing, waits]);
    await deleting.query("COMMIT");
    await refreshing;
    await expectRollupsToMatch(reader);
  });

  it("counts nothing twice when two instances refresh at once", async () => {
    const { writer } = openReceivingStore(0);
    await Promise.all(
      mix(400, 3000).map((record) => writer.write({ ...record, endpointId: "ep" })),
    );
    // Two pools on one database, as two instances have; each refreshes in small chunks.
    const second = openConnection(connection.url);
    const runs: Array<Promise<unknown>> = [];
    for (const current of [connection, second, connection, second]) {
      replaceConnection(current);
      runs.push(
        (async () => {
          while ((await refreshRollups({ chunk: 37, maxChunks: 3 })).covered > 0);
        })(),
      );
    }
    await Promise.all(runs);
    replaceConnection(connection);
    await closeConnection(second);
    const reader = await client();
    await expectRollupsToMatch(reader);
  });

  it("runs in the background under its job lock, and comes back for ids still settling", async () => {
    const reader = await client();
    const early = await client();
    const a = await drawId(early);
    await insertDelivery(early, a);
    // The job's first refresh waits on this row lock: then it is known to run while a is
    // still in flight, and nothing but the job itself brings it back after a commits.
    const blocker = await client();
    await blocker.query("BEGIN");
    await blocker.query("SELECT 1 FROM stats_rollup_state WHERE id = 1 FOR UPDATE");
    const job = startStatsRollups({ delayMs: 20 });
    try {
      const waiting = await eventually(async () => {
        const [row] = await clientRows<{ pid: number }>(
          reader,
          "SELECT pid FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()",
        );
        expect(row).toBeDefined();
        return row!.pid;
      });
      await blocker.query("COMMIT");
      await eventually(async () => {
        const [row] = await clientRows<{ state: string }>(
          reader,
          "SELECT state FROM pg_stat_activity WHERE pid = $1",
          [waiting],
        );
        expect(row?.state).toBe("idle");
      });
      expect(await watermark(reader)).toBe(0);
      await early.query("COMMIT");
      await eventually(async () => expect(await watermark(reader)).toBe(a));
      await expectRollupsToMatch(reader);
    } finally {
      job.stop();
    }
  });
});
