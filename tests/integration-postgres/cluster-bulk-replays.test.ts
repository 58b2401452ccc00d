import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { eventually } from "../support/deliveries";
import { followBulkToEnd, replaySinkPerFile, type BulkBody } from "../support/replays";
import { jobLockKey } from "../../lib/db/queries/job-locks";
import { freshDatabase } from "../support/start-postgres";
import { startServer, type RunningServer } from "../support/start-server";

/**
 * Bulk replays across instances on one PostgreSQL database (issue 14, docs/cluster.md
 * "Bulk replays across instances"): a bulk started on one instance is followed and
 * cancelled from the other, and one whose instance is killed with SIGKILL is finished by
 * the other, every target sent, none twice but those in flight at the kill.
 */
type Bulk = BulkBody;
type Result = { id: number; event_id: number; error_code: string | null; ok: boolean };

const first = () => inject("baseUrl");
const second = () => inject("routeBaseUrl");
const sink = replaySinkPerFile();

/** `count` deliveries to a fresh endpoint on `baseUrl`, `perResource` of each resource. */
async function seed(baseUrl: string, count: number, perResource = 1) {
  const endpoint = await createEndpoint(baseUrl);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const resource = `vm-${Math.floor(i / perResource)}`;
    const rendered = renderDelivery({
      kind: "event",
      event: {
        resource_type: "server",
        action: "update",
        resource_details: { id: resource, name: resource, step: i },
      },
    });
    const answer = await sendDelivery(`${baseUrl}/api/hooks/${endpoint.token}`, rendered);
    expect(answer.status).toBe(200);
    ids.push(answer.body.id as number);
  }
  return { endpoint, ids };
}

/** The step numbers the sink received for these bodies (each delivery's own `step`). */
const stepsOf = (bodies: Buffer[]) =>
  bodies.map(
    (body) =>
      (JSON.parse(body.toString()) as { resource_details: { step: number } }).resource_details.step,
  );

const followToEnd = (baseUrl: string, id: number) => followBulkToEnd(baseUrl, id, 30_000);

describe("a bulk replay on two instances", () => {
  it("is followed through the other instance: its results in order and its end", async () => {
    const { endpoint, ids } = await seed(first(), 6);
    const started = await api<Bulk>(first(), "/api/replays/bulk", {
      json: { url: sink.url("/delay?ms=60"), filter: { endpoint: endpoint.id }, concurrency: 1 },
    });
    expect(started.status).toBe(202);
    const messages = await followToEnd(second(), started.body.id);
    const results = messages.filter((m) => m.event === "result");
    expect(results.map((m) => (JSON.parse(m.data) as Result).event_id)).toEqual(ids);
    expect(JSON.parse(messages.at(-1)!.data)).toMatchObject({
      state: "done",
      sent: 6,
      succeeded: 6,
    });
    // Progress was streamed while it ran, not only at the end.
    expect(messages.filter((m) => m.event === "progress").length).toBeGreaterThan(1);
    for (const baseUrl of [first(), second()]) {
      const bulk = await api<Bulk>(baseUrl, `/api/replays/bulk/${started.body.id}`);
      expect(bulk.body).toMatchObject({
        state: "done",
        total: 6,
        sent: 6,
        succeeded: 6,
        failed: 0,
      });
      const list = await api<{ data: Bulk[] }>(baseUrl, "/api/replays/bulk");
      expect(list.body.data.find((row) => row.id === started.body.id)?.state).toBe("done");
    }
  });

  it("started on one instance, stops when cancelled on the other", async () => {
    const { endpoint } = await seed(first(), 3);
    const before = sink.requests.length;
    const started = await api<Bulk>(first(), "/api/replays/bulk", {
      json: {
        url: sink.url("/slow"),
        filter: { endpoint: endpoint.id },
        concurrency: 1,
        timeout_ms: 60_000,
      },
    });
    await sink.waitFor(before + 1);
    // Running, as read through the instance that is not running it.
    const running = await api<Bulk>(second(), `/api/replays/bulk/${started.body.id}`);
    expect(running.body).toMatchObject({ state: "running", sent: 0 });

    const cancelled = await api<Bulk>(second(), `/api/replays/bulk/${started.body.id}/cancel`, {
      json: {},
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: "cancelled", sent: 1, failed: 1 });
    expect(cancelled.body.finished_at).not.toBeNull();
    const results = await api<{ data: Result[] }>(
      first(),
      `/api/replays?bulk_id=${started.body.id}`,
    );
    expect(results.body.data.map((r) => r.error_code)).toEqual(["cancelled"]);
    const messages = await followToEnd(first(), started.body.id);
    expect(messages.filter((m) => m.event === "result")).toHaveLength(1);
    expect(JSON.parse(messages.at(-1)!.data)).toMatchObject({ state: "cancelled" });
    // The instance running it stopped for good: the stored end is the last word, and the
    // sink got only the one request the cancel aborted.
    expect(sink.requests.length - before).toBe(1);
  });
});

describe("a bulk replay whose instance is killed", () => {
  let databaseUrl: string;
  let instances: RunningServer[] = [];

  beforeAll(async () => {
    databaseUrl = await freshDatabase(inject("postgresUrl"), "cluster_bulk");
    const env = { DATABASE_URL: databaseUrl, HOOKLENS_POSTGRES_UNFINISHED: "1" };
    instances.push(await startServer({ env }));
    instances.push(await startServer({ env }));
  }, 240_000);

  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    instances = [];
  });

  async function query<Row>(text: string, values: unknown[]): Promise<Row[]> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<Row & pg.QueryResultRow>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** Every target at the sink since `before`, in each resource's order; none twice but
   *  those in flight when the bulk changed hands (at most one per lane running). */
  async function expectEachSentOnce(bulk: {
    id: number;
    before: number;
    total: number;
    perResource: number;
    concurrency: number;
  }) {
    const steps = stepsOf(sink.requests.slice(bulk.before).map((request) => request.body));
    const counts = new Map<number, number>();
    for (const step of steps) counts.set(step, (counts.get(step) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([...Array(bulk.total).keys()]);
    const twice = [...counts.values()].filter((n) => n > 1);
    expect(twice.every((n) => n === 2)).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(bulk.concurrency);
    // Each resource's deliveries still arrived in order, a resent one repeated in place.
    for (let resource = 0; resource < bulk.total / bulk.perResource; resource++) {
      const mine = steps.filter((step) => Math.floor(step / bulk.perResource) === resource);
      const firstTimes = mine.filter((step, i) => mine.indexOf(step) === i);
      expect(firstTimes).toEqual([...firstTimes].sort((a, b) => a - b));
    }
    // One result per delivery, but for in-flight ones recorded by both instances.
    const [row] = await query<{ n: string }>(
      "SELECT count(*) AS n FROM replays WHERE bulk_id = $1",
      [bulk.id],
    );
    expect(Number(row!.n)).toBeGreaterThanOrEqual(bulk.total);
    expect(Number(row!.n)).toBeLessThanOrEqual(bulk.total + bulk.concurrency);
  }

  it("moves to another instance when its holder's lock session is cut, and is finished", async () => {
    const { endpoint } = await seed(instances[0]!.baseUrl, 40, 10);
    const before = sink.requests.length;
    const concurrency = 2;
    const started = await api<Bulk>(instances[0]!.baseUrl, "/api/replays/bulk", {
      json: { url: sink.url("/delay?ms=40"), filter: { endpoint: endpoint.id }, concurrency },
    });
    expect(started.status).toBe(202);
    const id = started.body.id;
    await sink.waitFor(before + 10, 30_000);
    // The session holding the bulk's job lock (two-key advisory locks: classid, objid).
    const [space, key] = jobLockKey(`bulk-replay:${id}`);
    const holders = await query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2
         AND objsubid = 2 AND granted`,
      [space, key],
    );
    expect(holders).toHaveLength(1);
    await query("SELECT pg_terminate_backend($1)", [holders[0]!.pid]);

    const done = await eventually(async () => {
      const bulk = await api<Bulk>(instances[1]!.baseUrl, `/api/replays/bulk/${id}`);
      expect(bulk.body.state).toBe("done");
      return bulk.body;
    }, 30_000);
    expect(done).toMatchObject({ total: 40, sent: 40, failed: 0 });
    // Resumed from the database, by the instance that took the lock.
    expect(instances.map((instance) => instance.output()).join("\n")).toContain(
      `Took over bulk replay ${id}`,
    );
    await expectEachSentOnce({ id, before, total: 40, perResource: 10, concurrency });
  });

  it("is finished by the other: every target sent, none twice but those in flight", async () => {
    const [victim, survivor] = instances as [RunningServer, RunningServer];
    // Five resources of twelve deliveries each: one resource's go in order, two at a time.
    const { endpoint } = await seed(victim.baseUrl, 60, 12);
    const before = sink.requests.length;
    const concurrency = 2;
    const started = await api<Bulk>(victim.baseUrl, "/api/replays/bulk", {
      json: { url: sink.url("/delay?ms=40"), filter: { endpoint: endpoint.id }, concurrency },
    });
    expect(started.status).toBe(202);
    const id = started.body.id;
    await sink.waitFor(before + 15, 30_000);
    expect(survivor.output()).not.toContain(`Took over bulk replay ${id}`);
    await victim.stop("SIGKILL");
    expect(victim.process.signalCode).toBe("SIGKILL");

    const done = await eventually(async () => {
      const bulk = await api<Bulk>(survivor.baseUrl, `/api/replays/bulk/${id}`);
      expect(bulk.body.state).toBe("done");
      return bulk.body;
    }, 30_000);
    expect(survivor.output()).toContain(`Took over bulk replay ${id}`);
    expect(done).toMatchObject({ total: 60, sent: 60, failed: 0 });

    await expectEachSentOnce({ id, before, total: 60, perResource: 12, concurrency });
  });
});
