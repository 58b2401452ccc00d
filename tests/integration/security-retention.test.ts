import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createEndpoint, sendDelivery } from "../support/api";
import { eventually, listAllDeliveries } from "../support/deliveries";
import { orphans, retentionEvent, sendMany } from "../support/retention";
import { freshDatabase } from "../support/start-postgres";
import { startServer, type RunningServer } from "../support/start-server";

/**
 * Retention through the real server, on SQLite and (in integration-postgres) on a
 * PostgreSQL database of its own: pruning deletes deliveries, so it must not share the
 * run's database with the other files. tests/integration-postgres/cluster-retention.test.ts
 * runs it on two instances.
 */

type RetentionServer = RunningServer & { database: { file: string } | { url: string } };

/** A server of its own with these settings, on the project's engine. */
async function startRetentionServer(env: Record<string, string>): Promise<RetentionServer> {
  if (inject("engine") === "sqlite") {
    const server = await startServer({ env });
    return { ...server, database: { file: server.databaseFile } };
  }
  const url = await freshDatabase(inject("postgresUrl"), "retention");
  const server = await startServer({
    env: { ...env, DATABASE_URL: url, HOOKLENS_POSTGRES_UNFINISHED: "1" },
  });
  return { ...server, database: { url } };
}

describe("retention by count (HOOKLENS_MAX_DELIVERIES)", () => {
  let server: RetentionServer;
  beforeAll(async () => {
    server = await startRetentionServer({
      HOOKLENS_MAX_DELIVERIES: "150",
      HOOKLENS_PRUNE_INTERVAL_MS: "100",
      HOOKLENS_PRUNE_BATCH: "20",
      HOOKLENS_RATE_LIMIT: "0",
    });
  });
  afterAll(() => server.stop());

  it("keeps exactly the newest deliveries, prunes while the receiver keeps answering, and leaves no orphans", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    // The default endpoint's deliveries count too: this one is the only sender.
    const { ids, latencies } = await sendMany([endpoint.receiver_url], 0, 2000);
    const newest = ids.slice(-150);
    const kept = await eventually(async () => {
      const stored = (await listAllDeliveries(server.baseUrl, endpoint.id))
        .map((d) => d.id)
        .sort((a, b) => a - b);
      expect(stored).toEqual(newest);
      return stored;
    });
    expect(kept).toHaveLength(150);
    expect(await orphans(server.database)).toEqual({ contents: 0, resources: 0, changes: 0 });
    const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
    console.log(
      `retention by count on ${inject("engine")}: 2000 sent while pruning, p50 ${latencies[1000]!.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
    );
    expect(server.output()).toMatch(/Retention: pruned \d+ deliveries/);
  });
});

describe("retention by age (HOOKLENS_RETENTION_DAYS)", () => {
  let server: RetentionServer;
  beforeAll(async () => {
    // Three seconds, as a fraction of a day.
    server = await startRetentionServer({
      HOOKLENS_RETENTION_DAYS: String(3 / 86_400),
      HOOKLENS_PRUNE_INTERVAL_MS: "200",
      HOOKLENS_RATE_LIMIT: "0",
    });
  });
  afterAll(() => server.stop());

  it("prunes what is older than the limit and keeps what is younger", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    const old = await sendMany([endpoint.receiver_url], 0, 300);
    await eventually(
      async () => {
        const stored = await listAllDeliveries(server.baseUrl, endpoint.id);
        expect(stored).toHaveLength(0);
      },
      15_000,
      200,
    );
    const fresh = await sendDelivery(endpoint.receiver_url, retentionEvent(9999));
    const stored = (await listAllDeliveries(server.baseUrl, endpoint.id)).map((d) => d.id);
    expect(stored).toEqual([fresh.body.id]);
    expect(stored).not.toContain(old.ids[0]);
    expect(await orphans(server.database)).toEqual({ contents: 0, resources: 0, changes: 0 });
  });
});
