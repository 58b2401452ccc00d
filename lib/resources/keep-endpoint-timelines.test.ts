import { beforeEach, describe, expect, it } from "vitest";
import { sqliteRetentionStore } from "../db/queries/retention";
import { createPruner } from "../retention/prune-deliveries";
import { keepEndpointTimeline, sweepEndpointTimelines } from "./keep-endpoint-timelines";
import { keepTimelineBatch, sweepUnkeptSteps } from "./keep-timeline-steps";
import { builtTimeline, keptTimeline, timelineTestDatabase } from "./timeline-test-lives";

let { db, minute, insert, randomLives } = timelineTestDatabase();
beforeEach(() => {
  ({ db, minute, insert, randomLives } = timelineTestDatabase());
});

const chain = (resourceId: string, endpointId: string) => ({
  resourceType: "server",
  resourceId,
  endpointId,
});
const keepAll = (limit: number) => {
  while (keepTimelineBatch(db, limit).more);
};
const sweepAll = (limit: number) => {
  while (sweepEndpointTimelines(db, limit));
};
const RESOURCES = ["srv-1", "srv-2", "srv-3"];

/** Every endpoint chain's steps against the timeline built from its deliveries alone. */
function expectEveryChainBuilt() {
  let chains = 0;
  for (const id of RESOURCES) {
    for (const endpoint of ["ep", "ep2"]) {
      const built = builtTimeline(db, chain(id, endpoint));
      if (built.length === 0) continue;
      expect(keptTimeline(db, chain(id, endpoint))).toEqual(built);
      chains++;
    }
  }
  return chains;
}

describe("endpoints' own timelines of a resource several endpoints sent", () => {
  it.each([1, 2, 3, 4, 5])(
    "are the timelines built from each endpoint's deliveries (seed %i)",
    (seed) => {
      randomLives(seed, 30);
      keepAll(7);
      // ep2 starts sending once ep's history is kept: ep's chains start behind.
      randomLives(seed + 10, 60, 0);
      keepAll(7);
      sweepAll(5);
      expect(expectEveryChainBuilt()).toBe(6);
      // ...and the whole timeline is still the whole one.
      for (const id of RESOURCES) {
        const whole = { resourceType: "server", resourceId: id };
        expect(keptTimeline(db, whole)).toEqual(builtTimeline(db, whole));
      }
    },
  );

  it("follow new deliveries once caught up, kept in pieces, late ones among them", () => {
    randomLives(7, 40, 10);
    for (let round = 0; round < 6; round++) {
      keepAll(3);
      sweepAll(4);
      randomLives(30 + round, 8, 0);
    }
    keepAll(3);
    sweepAll(4);
    expect(expectEveryChainBuilt()).toBe(6);
  });

  it("are caught up by a reader who comes before the sweep", () => {
    for (let m = 1; m <= 30; m++)
      insert("srv-1", { id: "srv-1", vmem_size: m, updated_at: minute(m) });
    keepAll(100);
    insert("srv-1", { id: "srv-1", vmem_size: 99, updated_at: minute(40) }, { endpoint: "ep2" });
    keepAll(100);
    // ep's chain is new and empty: the sweep has not run.
    expect(keptTimeline(db, chain("srv-1", "ep"))).toEqual([]);
    keepEndpointTimeline(db, chain("srv-1", "ep"));
    const ep = keptTimeline(db, chain("srv-1", "ep"));
    expect(ep).toEqual(builtTimeline(db, chain("srv-1", "ep")));
    expect(ep).toHaveLength(30);
    // ep2's one delivery compares with nothing of ep's.
    expect(keptTimeline(db, chain("srv-1", "ep2"))).toMatchObject([{ first: true, diff: null }]);
  });

  it("count their steps, and go when a rekeep or retention takes the resource", async () => {
    const counts = () =>
      db
        .prepare(
          `SELECT h.steps, h.invalid_steps AS invalid,
             (SELECT count(*) FROM timeline_endpoint_steps s WHERE s.head = h.key AND NOT s.invalid) AS rows,
             (SELECT count(*) FROM timeline_endpoint_steps s WHERE s.head = h.key AND s.invalid) AS bad
           FROM timeline_endpoint_heads h`,
        )
        .all() as Array<{ steps: number; invalid: number; rows: number; bad: number }>;
    const consistent = () => {
      for (const head of counts())
        expect([head.steps, head.invalid]).toEqual([head.rows, head.bad]);
    };
    randomLives(3, 80, 20);
    keepAll(7);
    sweepAll(6);
    consistent();
    expect(counts().some((head) => head.invalid > 0)).toBe(true);
    // A delivery behind the kept ones: srv-2 is kept again, its endpoints' chains too.
    insert("srv-2", { id: "srv-2", updated_at: minute(0) }, { id: 1_000, endpoint: "ep2" });
    insert("srv-2", { id: "srv-2", updated_at: minute(1) }, { id: 500 });
    keepAll(7);
    while (sweepUnkeptSteps(db, 50));
    sweepAll(6);
    consistent();
    expect(expectEveryChainBuilt()).toBe(6);
    const prune = createPruner(sqliteRetentionStore(db), { maxDeliveries: 0, batchSize: 10 });
    await prune(() => Promise.resolve());
    expect(db.prepare("SELECT count(*) FROM timeline_endpoint_heads").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM timeline_endpoint_steps").pluck().get()).toBe(0);
  });
});
