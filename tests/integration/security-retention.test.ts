import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { createEndpoint, sendDelivery } from "../support/api";
import { eventually, listAllDeliveries } from "../support/deliveries";
import { startServer, type RunningServer } from "../support/start-server";

const event = (i: number) =>
  renderDelivery({
    kind: "event",
    event: {
      resource_type: "server",
      action: "update",
      resource_details: { id: `vm-${i % 40}`, name: `vm-${i % 40}`, status: `s${i}` },
    },
  });

/** Rows that point at a delivery that is gone: retention must leave none. */
function orphans(databaseFile: string) {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      contents: count(
        "SELECT count(*) FROM delivery_contents WHERE delivery_id NOT IN (SELECT id FROM deliveries)",
      ),
      resources: count(
        "SELECT count(*) FROM resources WHERE last_event_id NOT IN (SELECT id FROM deliveries)",
      ),
      changes: count(
        "SELECT count(*) FROM resource_changes WHERE delivery_id NOT IN (SELECT id FROM deliveries)",
      ),
    };
  } finally {
    db.close();
  }
}

async function sendMany(url: string, from: number, count: number, concurrency = 8) {
  const ids: number[] = [];
  const latencies: number[] = [];
  let next = from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < from + count) {
        const i = next++;
        const started = performance.now();
        const answer = await sendDelivery(url, event(i));
        latencies.push(performance.now() - started);
        if (answer.status !== 200) throw new Error(`delivery ${i} answered ${answer.status}`);
        ids.push(answer.body.id as number);
      }
    }),
  );
  return { ids: ids.sort((a, b) => a - b), latencies: latencies.sort((a, b) => a - b) };
}

describe("retention by count (HOOKLENS_MAX_DELIVERIES)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      env: {
        HOOKLENS_MAX_DELIVERIES: "150",
        HOOKLENS_PRUNE_INTERVAL_MS: "100",
        HOOKLENS_PRUNE_BATCH: "20",
        HOOKLENS_RATE_LIMIT: "0",
      },
    });
  });
  afterAll(() => server.stop());

  it("keeps exactly the newest deliveries, prunes while the receiver keeps answering, and leaves no orphans", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    // The default endpoint's deliveries count too: this one is the only sender.
    const { ids, latencies } = await sendMany(endpoint.receiver_url, 0, 2000);
    const newest = ids.slice(-150);
    const kept = await eventually(async () => {
      const stored = (await listAllDeliveries(server.baseUrl, endpoint.id))
        .map((d) => d.id)
        .sort((a, b) => a - b);
      expect(stored).toEqual(newest);
      return stored;
    });
    expect(kept).toHaveLength(150);
    expect(orphans(server.databaseFile)).toEqual({ contents: 0, resources: 0, changes: 0 });
    const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
    console.log(
      `retention by count: 2000 sent while pruning, p50 ${latencies[1000]!.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
    );
    expect(server.output()).toMatch(/Retention: pruned \d+ deliveries/);
  });
});

describe("retention by age (HOOKLENS_RETENTION_DAYS)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    // Three seconds, as a fraction of a day.
    server = await startServer({
      env: {
        HOOKLENS_RETENTION_DAYS: String(3 / 86_400),
        HOOKLENS_PRUNE_INTERVAL_MS: "200",
        HOOKLENS_RATE_LIMIT: "0",
      },
    });
  });
  afterAll(() => server.stop());

  it("prunes what is older than the limit and keeps what is younger", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    const old = await sendMany(endpoint.receiver_url, 0, 300);
    await eventually(
      async () => {
        const stored = await listAllDeliveries(server.baseUrl, endpoint.id);
        expect(stored).toHaveLength(0);
      },
      15_000,
      200,
    );
    const fresh = await sendDelivery(endpoint.receiver_url, event(9999));
    const stored = (await listAllDeliveries(server.baseUrl, endpoint.id)).map((d) => d.id);
    expect(stored).toEqual([fresh.body.id]);
    expect(stored).not.toContain(old.ids[0]);
    expect(orphans(server.databaseFile)).toEqual({ contents: 0, resources: 0, changes: 0 });
  });
});
