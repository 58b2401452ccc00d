import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "../../lib/db/connection";
import { getPrisma } from "../../lib/db/prisma";
import { openReceivingStore } from "../../lib/db/queries/receiving";
import { openRetentionStore } from "../../lib/db/queries/retention";
import { createPruner, type RetentionLimits } from "../../lib/retention/prune-deliveries";
import { ENGINES, openFreshDatabase } from "../support/both-engines";
import {
  left,
  record,
  rollupsOf,
  seed,
  SELECT_COUNTED,
  storedRollups,
  T0,
} from "../support/retention-seed";

/**
 * Retention's store (lib/db/queries/retention.ts) under the pruner, on both engines: what
 * goes with a pruned delivery (content, replays, forwarding inbox, timeline steps and
 * heads, resource changes, resources, its counts in the stats rollups) and what stays
 * (everything within the limits, and what is received while it prunes).
 */
const noPause = () => Promise.resolve();
const prune = (limits: Omit<RetentionLimits, "batchSize">, now = Date.now()) =>
  createPruner(openRetentionStore(), { ...limits, batchSize: 4 })(noPause, now);

describe.each(ENGINES)("retention's queries on %s", (engine) => {
  let close: () => Promise<void>;
  let connection: Connection;
  beforeEach(async () => {
    ({ close, connection } = await openFreshDatabase(engine, "retention"));
    await getPrisma().endpoint.create({ data: { id: "ep", name: "e", token: "tok" } });
  });
  afterEach(() => close());

  it("prunes by count to the newest deliveries, with everything that goes with them", async () => {
    const ids = await seed();
    const result = await prune({ maxDeliveries: 10 });
    expect(result.deleted).toBe(20);
    const kept = ids.slice(-10);
    expect(await left()).toEqual({
      ids: kept,
      contents: kept,
      replays: kept,
      inbox: kept,
      changes: kept,
      steps: kept,
      resources: ["s-0", "s-1", "s-2", "s-3", "s-4"],
      heads: ["s-0", "s-1", "s-2", "s-3", "s-4"].map((id) => [id, 2]),
      endpointHeads: ["s-0", "s-1", "s-2", "s-3", "s-4"],
    });
    const remaining = await getPrisma().delivery.findMany({ select: SELECT_COUNTED });
    expect(await storedRollups()).toEqual(rollupsOf(remaining));
    // Nothing more is due.
    expect((await prune({ maxDeliveries: 10 })).deleted).toBe(0);
  });

  it("prunes by age what was received before the cutoff and nothing after", async () => {
    const ids = await seed();
    // Received at T0 + i × 10 s: a limit of 100 s at T0 + 252 s keeps i ≥ 16.
    const result = await prune({ maxAgeMs: 100_000 }, T0 + 252_000);
    expect(result.deleted).toBe(16);
    const kept = ids.slice(16);
    const now = await left();
    expect(now.ids).toEqual(kept);
    expect(now.contents).toEqual(kept);
    expect(now.changes).toEqual(kept);
    expect(now.resources).toEqual(["s-0", "s-1", "s-2", "s-3", "s-4"]);
    const remaining = await getPrisma().delivery.findMany({ select: SELECT_COUNTED });
    expect(await storedRollups()).toEqual(rollupsOf(remaining));
  });

  it("keeps what is received while it prunes, and stops when told to", async () => {
    const ids = await seed();
    const { writer } = openReceivingStore(0);
    const received: number[] = [];
    let i = 100;
    const pruner = createPruner(openRetentionStore(), { maxDeliveries: 10, batchSize: 4 });
    // Between batches a delivery arrives: it is newer than the plan, so it stays.
    await pruner(async () => {
      received.push((await writer.write(record(i++, { resourceId: "s-new" }))).id);
    });
    const now = await left();
    expect(now.ids).toEqual([...ids.slice(-10), ...received]);
    expect(now.resources).toContain("s-new");
    // A pause that answers false (the job lock lost) ends the run after that batch.
    const stopped = await createPruner(openRetentionStore(), { maxDeliveries: 1, batchSize: 4 })(
      () => Promise.resolve(false),
    );
    expect(stopped.deleted).toBe(4);
    expect((await left()).ids).toHaveLength(now.ids.length - 4);
  });

  it.runIf(engine === "postgresql")(
    "leaves a resource a receiver is updating for the next run, without waiting for it",
    async () => {
      await seed();
      const other = new pg.Client({ connectionString: connection.url });
      await other.connect();
      try {
        // Another instance's receiver, mid-batch, holding old-0's row.
        await other.query("BEGIN");
        await other.query(
          "UPDATE resources SET delivery_count = delivery_count + 1 WHERE resource_id = 'old-0'",
        );
        await prune({ maxDeliveries: 10 });
        expect((await left()).resources).toEqual(["old-0", "s-0", "s-1", "s-2", "s-3", "s-4"]);
        await other.query("COMMIT");
        // Its last delivery is still gone: the next run (with something to prune) takes it.
        await getPrisma().delivery.create({
          data: {
            endpointId: "ep",
            receivedAt: new Date(T0),
            kind: "text",
            signature: "unsigned",
            size: 1,
            bodyHash: "x",
          },
        });
        await prune({ maxDeliveries: 10 });
        expect((await left()).resources).toEqual(["s-0", "s-1", "s-2", "s-3", "s-4"]);
      } finally {
        await other.end();
      }
    },
  );

  it.runIf(engine === "postgresql")(
    "waits for the rollups' transaction on their watermark, and takes out what it counted",
    async () => {
      const ids = await seed();
      const prisma = getPrisma();
      // The rollups had counted none of the last ten, and now count them in a transaction
      // that holds the watermark row (as the rollups' refresh does).
      await prisma.statsRollupState.update({
        where: { id: 1 },
        data: { lastDeliveryId: ids[19]! },
      });
      const rollups = new pg.Client({ connectionString: connection.url });
      await rollups.connect();
      try {
        await rollups.query("BEGIN");
        await rollups.query(
          "SELECT last_delivery_id FROM stats_rollup_state WHERE id = 1 FOR UPDATE",
        );
        let settled = false;
        const pruning = prune({ maxDeliveries: 5 }).finally(() => (settled = true));
        // The batch waits for the row lock (a backend waiting on a tuple lock).
        const admin = new pg.Client({ connectionString: connection.url });
        await admin.connect();
        try {
          for (;;) {
            const { rows } = await admin.query(
              `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
            );
            if (rows.length > 0) break;
            await new Promise((resolve) => setImmediate(resolve));
          }
        } finally {
          await admin.end();
        }
        expect(settled).toBe(false);
        await rollups.query("UPDATE stats_rollup_state SET last_delivery_id = $1 WHERE id = 1", [
          ids.at(-1)!,
        ]);
        await rollups.query("COMMIT");
        expect((await pruning).deleted).toBe(25);
        const remaining = await prisma.delivery.findMany({ select: SELECT_COUNTED });
        expect(await storedRollups()).toEqual(rollupsOf(remaining));
      } finally {
        await rollups.end();
      }
    },
  );
});
