import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { jobLockKey } from "../../lib/db/queries/job-locks";
import { createEndpoint } from "../support/api";
import { eventually, listAllDeliveries } from "../support/deliveries";
import { orphans, sendMany } from "../support/retention";
import { freshDatabase } from "../support/start-postgres";
import { startServer, type RunningServer } from "../support/start-server";

/**
 * Retention in cluster mode (issue 14): two instances on one PostgreSQL database of their
 * own, both with a count limit, receiving at once. Exactly one holds the job lock
 * "retention" and prunes; when it is killed with SIGKILL the other takes the lock over and
 * prunes what arrives next. No delivery within the limit is ever lost.
 */
const LIMIT = 100;
const PRUNES = "> Retention: this instance prunes";
const PRUNED = /> Retention: pruned \d+ deliveries/;

let databaseUrl: string;
let admin: pg.Client;
const instances: RunningServer[] = [];

/** The backend holding the retention lock, from the server's side, or null. */
async function holderPid(): Promise<number | null> {
  const [space, id] = jobLockKey("retention");
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
       AND classid = $1 AND objid = $2 AND objsubid = 2`,
    [space, id],
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0]?.pid ?? null;
}

async function storedIds(baseUrl: string, endpointId: string) {
  return (await listAllDeliveries(baseUrl, endpointId)).map((d) => d.id).sort((a, b) => a - b);
}

beforeAll(async () => {
  databaseUrl = await freshDatabase(inject("postgresUrl"), "cluster_retention");
  const env = {
    DATABASE_URL: databaseUrl,
    HOOKLENS_POSTGRES_UNFINISHED: "1",
    HOOKLENS_MAX_DELIVERIES: String(LIMIT),
    HOOKLENS_PRUNE_INTERVAL_MS: "100",
    HOOKLENS_PRUNE_BATCH: "20",
    HOOKLENS_RATE_LIMIT: "0",
  };
  // One after the other, so that only one applies the migrations (the runner's lock makes
  // a race safe; two-instances.test.ts checks it).
  instances.push(await startServer({ env }));
  instances.push(await startServer({ env }));
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
}, 240_000);

afterAll(async () => {
  await admin?.end();
  for (const instance of instances.splice(0)) await instance.stop();
});

describe("retention on two instances of one PostgreSQL database", () => {
  it("runs on one instance, and on the other once the first is killed", async () => {
    const [a, b] = instances as [RunningServer, RunningServer];
    // Exactly one takes the lock and says so.
    const holder = await eventually(() => {
      const saying = instances.filter((instance) => instance.output().includes(PRUNES));
      expect(saying).toHaveLength(1);
      return saying[0]!;
    });
    const survivor = holder === a ? b : a;
    const firstPid = await eventually(async () => {
      const pid = await holderPid();
      expect(pid).not.toBeNull();
      return pid!;
    });

    // Deliveries through both instances: the newest LIMIT stay, pruned by the holder alone.
    const endpoint = await createEndpoint(a.baseUrl);
    const receiver = (instance: RunningServer) => `${instance.baseUrl}/api/hooks/${endpoint.token}`;
    const { ids: sent } = await sendMany(instances.map(receiver), 0, 400);
    await eventually(async () => {
      expect(await storedIds(survivor.baseUrl, endpoint.id)).toEqual(sent.slice(-LIMIT));
    }, 30_000);
    expect(holder.output()).toMatch(PRUNED);
    expect(survivor.output()).not.toMatch(PRUNED);
    expect(survivor.output()).not.toContain(PRUNES);
    expect(await holderPid()).toBe(firstPid);

    // The holder dies: the survivor takes the lock within seconds and prunes what comes next.
    await holder.stop("SIGKILL");
    await eventually(() => expect(survivor.output()).toContain(PRUNES), 15_000);
    const secondPid = await holderPid();
    expect(secondPid).not.toBeNull();
    expect(secondPid).not.toBe(firstPid);
    const { ids: more } = await sendMany([receiver(survivor)], 400, 250);
    const all = [...sent, ...more].sort((x, y) => x - y);
    await eventually(async () => {
      expect(await storedIds(survivor.baseUrl, endpoint.id)).toEqual(all.slice(-LIMIT));
    }, 30_000);
    expect(survivor.output()).toMatch(PRUNED);
    expect(await orphans({ url: databaseUrl })).toEqual({ contents: 0, resources: 0, changes: 0 });
  });
});
