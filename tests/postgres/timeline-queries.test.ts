import type Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { perEngine } from "../../lib/db/sql-query";
import { keepTimelineSteps, openKeptTimeline } from "../../lib/db/queries/timelines";
import type { TimelineChain } from "../../lib/resources/kept-steps";
import { decodeStepFlags } from "../../lib/resources/step-codec";
import { getDetailsCache } from "../../lib/resources/details-cache";
import { builtTimeline, timelineTestDatabase } from "../../lib/resources/timeline-test-lives";
import { ENGINES, openFreshDatabase } from "../support/both-engines";

/**
 * The kept timelines (lib/db/queries/timelines.ts) on both engines: random lives of a few
 * servers (updates, late snapshots, re-sends, deletes, forged deliveries, a second endpoint)
 * are written into the engine under test, kept there by the background keeper's batches or
 * by a reader first, and read back through the seam; each chain, whole or one endpoint's,
 * must be the timeline built at once from the same deliveries.
 */
const RESOURCES = ["srv-1", "srv-2", "srv-3"];

type Row = {
  id: number;
  endpoint_id: string;
  resource_id: string;
  action: string;
  signature: string;
  size: number;
  duplicate_of: number | null;
  body: string;
};

/** Writes the lives' deliveries (made in a scratch SQLite database) into the engine in use. */
async function copyLives(source: Database.Database) {
  const rows = source
    .prepare(
      `SELECT d.id, d.endpoint_id, d.resource_id, d.action, d.signature, d.size, d.duplicate_of,
         CAST(c.body AS TEXT) AS body
       FROM deliveries d JOIN delivery_contents c ON c.delivery_id = d.id
       WHERE d.id > ? ORDER BY d.id`,
    )
    .all(copied) as Row[];
  copied = rows.at(-1)?.id ?? copied;
  await perEngine({
    sqlite: (db) => {
      for (const row of rows) {
        db.prepare(
          `INSERT INTO deliveries (id, endpoint_id, received_at, kind, resource_type, resource_id,
             action, result, signature, size, body_hash, duplicate_of)
           VALUES (?, ?, 0, 'event', 'server', ?, ?, 'succeed', ?, ?, 'h', ?)`,
        ).run(
          row.id,
          row.endpoint_id,
          row.resource_id,
          row.action,
          row.signature,
          row.size,
          row.duplicate_of,
        );
        db.prepare(
          "INSERT INTO delivery_contents (delivery_id, encoding, headers, body) VALUES (?, 'identity', '[]', ?)",
        ).run(row.id, Buffer.from(row.body));
      }
    },
    postgresql: async (client) => {
      for (const row of rows) {
        await client.query(
          `INSERT INTO deliveries (id, endpoint_id, received_at, kind, resource_type, resource_id,
             action, result, signature, size, body_hash, duplicate_of)
           VALUES ($1, $2, to_timestamp(0), 'event', 'server', $3, $4, 'succeed', $5, $6, 'h', $7)`,
          [
            row.id,
            row.endpoint_id,
            row.resource_id,
            row.action,
            row.signature,
            row.size,
            row.duplicate_of,
          ],
        );
        await client.query(
          "INSERT INTO delivery_contents (delivery_id, encoding, headers, body) VALUES ($1, 'identity', '\\x5b5d', $2)",
          [row.id, Buffer.from(row.body)],
        );
      }
      await client.query("SELECT setval('deliveries_id_seq', (SELECT max(id) FROM deliveries))");
    },
  });
}
let copied = 0;

/** A chain read back through the seam, in builtTimeline's terms. */
async function keptTimeline(chain: TimelineChain) {
  const timeline = await openKeptTimeline(chain);
  const rows = (await timeline.windowRows(Number.MAX_SAFE_INTEGER, 100_000)).reverse();
  return Promise.all(
    rows.map(async (window) => {
      const row = (await timeline.step(window.delivery_id))!;
      const { snapshot, ...flags } = decodeStepFlags(row.flags);
      return {
        id: row.delivery_id,
        ...flags,
        comparedTo: row.compared_to,
        diff: timeline.decodeDiff(row),
        state: await timeline.stateOfStep(row),
        snapshot: snapshot ? await timeline.snapshotOf(row.delivery_id) : null,
      };
    }),
  );
}

const keepAll = async (limit: number) => {
  for (;;) {
    const { more, endpointsBehind } = await keepTimelineSteps(limit);
    if (!more && !endpointsBehind) return;
  }
};

describe.each(ENGINES)("kept timelines on %s", (engine) => {
  let close: () => Promise<void>;
  let lives: ReturnType<typeof timelineTestDatabase>;
  beforeEach(async () => {
    lives = timelineTestDatabase();
    copied = 0;
    ({ close } = await openFreshDatabase(engine, "timelines"));
    await perEngine({
      sqlite: (db) =>
        void db
          .prepare(
            "INSERT INTO endpoints (id, name, token, updated_at) VALUES ('ep', 'ep', 't', 0), ('ep2', 'ep2', 't2', 0)",
          )
          .run(),
      postgresql: async (client) =>
        void (await client.query(
          "INSERT INTO endpoints (id, name, token, updated_at) VALUES ('ep', 'ep', 't', now()), ('ep2', 'ep2', 't2', now())",
        )),
    });
  });
  afterEach(async () => {
    getDetailsCache().clear();
    await close();
  });

  const expectEveryChainBuilt = async (resources = RESOURCES) => {
    let chains = 0;
    for (const resourceId of resources) {
      const whole = { resourceType: "server", resourceId };
      expect(await keptTimeline(whole)).toEqual(builtTimeline(lives.db, whole));
      for (const endpointId of ["ep", "ep2"]) {
        const chain = { ...whole, endpointId };
        const built = builtTimeline(lives.db, chain);
        if (built.length === 0) continue;
        expect(await keptTimeline(chain)).toEqual(built);
        chains++;
      }
    }
    return chains;
  };

  it.each([1, 2, 3])(
    "keeps in batches the steps of timelines built at once (seed %i)",
    async (seed) => {
      lives.randomLives(seed, 30);
      await copyLives(lives.db);
      await keepAll(7);
      // A second endpoint joins once the first one's history is kept.
      lives.randomLives(seed + 10, 50, 0);
      await copyLives(lives.db);
      await keepAll(5);
      expect(await expectEveryChainBuilt()).toBe(6);
    },
  );

  it("keeps for a reader who comes before the keeper, late snapshots among the deliveries", async () => {
    const { insert, minute } = lives;
    const first = insert("srv-1", { id: "srv-1", vmem_size: 1, updated_at: minute(1) });
    insert("srv-1", { id: "srv-1", vmem_size: 3, updated_at: minute(3) });
    await copyLives(lives.db);
    const whole = { resourceType: "server", resourceId: "srv-1" };
    expect(await keptTimeline(whole)).toEqual(builtTimeline(lives.db, whole));
    const late = insert("srv-1", { id: "srv-1", vmem_size: 2, updated_at: minute(2) });
    insert("srv-1", null, { duplicateOf: first.id });
    insert("srv-1", { id: "srv-1", vmem_size: 4, updated_at: minute(4) }, { endpoint: "ep2" });
    await copyLives(lives.db);
    const steps = await keptTimeline(whole);
    expect(steps).toEqual(builtTimeline(lives.db, whole));
    expect(steps.find((step) => step.id === late.id)).toMatchObject({
      outOfOrder: true,
      comparedTo: first.id,
    });
    for (const endpointId of ["ep", "ep2"]) {
      const chain = { ...whole, endpointId };
      expect(await keptTimeline(chain)).toEqual(builtTimeline(lives.db, chain));
    }
    // The keeper then finds nothing left to do, and changes nothing.
    await keepAll(3);
    expect(await expectEveryChainBuilt(["srv-1"])).toBe(2);
  });

  it("answers not found for a resource with no event, or an endpoint that never sent it", async () => {
    lives.insert("srv-1", { id: "srv-1", updated_at: lives.minute(1) });
    await copyLives(lives.db);
    await expect(openKeptTimeline({ resourceType: "server", resourceId: "nope" })).rejects.toThrow(
      /not found/i,
    );
    await expect(
      openKeptTimeline({ resourceType: "server", resourceId: "srv-1", endpointId: "ep2" }),
    ).rejects.toThrow(/not found/i);
  });
});
