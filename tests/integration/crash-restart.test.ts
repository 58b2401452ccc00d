import { expect, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { createEndpoint, sendDelivery } from "../support/api";
import { listAllDeliveries } from "../support/deliveries";
import { engineDatabase } from "../support/engine-database";
import { startServer, type RunningServer } from "../support/start-server";

const delivery = (marker: string) =>
  renderDelivery({
    kind: "event",
    event: {
      resource_type: "server",
      action: "update",
      resource_details: { id: marker, name: marker, status: "running" },
    },
  });

/**
 * Sends from `concurrency` clients until the server dies; resolves with the deliveries
 * it answered 200 (id → marker). `killAfter` answers in, the server gets SIGKILL.
 */
async function loadUntilKilled(
  server: RunningServer,
  token: string,
  round: number,
  killAfter: number,
) {
  const answered = new Map<number, string>();
  let sequence = 0;
  const kills: Array<Promise<void>> = []; // one, once enough were answered
  await Promise.all(
    Array.from({ length: 12 }, async () => {
      for (;;) {
        const marker = `crash-${round}-${sequence++}`;
        try {
          const answer = await sendDelivery(
            `${server.baseUrl}/api/hooks/${token}`,
            delivery(marker),
          );
          if (answer.status === 200) answered.set(answer.body.id as number, marker);
        } catch {
          return; // the server is gone
        }
        if (answered.size >= killAfter && kills.length === 0) kills.push(server.stop("SIGKILL"));
      }
    }),
  );
  await Promise.all(kills);
  return answered;
}

// On either engine: SQLite's WAL or PostgreSQL's commit, a delivery answered 200 is durable.
it("keeps every delivery it answered 200 when killed with SIGKILL under load, twice", async () => {
  const database = await engineDatabase("crash");
  const options = database.on({ env: { HOOKLENS_RATE_LIMIT: "0" } });
  let server = await startServer(options);
  const endpoint = await createEndpoint(server.baseUrl);
  const answered = new Map<number, string>();
  try {
    for (const round of [1, 2]) {
      for (const [id, marker] of await loadUntilKilled(server, endpoint.token, round, 1500))
        answered.set(id, marker);
      expect(server.process.signalCode).toBe("SIGKILL");
      server = await startServer(options);
      const stored = new Map(
        (await listAllDeliveries(server.baseUrl, endpoint.id)).map((d) => [d.id, d.resource_id]),
      );
      const lost = [...answered].filter(([id, marker]) => stored.get(id) !== marker);
      expect(
        lost.slice(0, 5),
        `${lost.length} of ${answered.size} answered deliveries lost after round ${round}`,
      ).toEqual([]);
      // Deliveries in flight at the kill may be stored without an answer (the platform
      // would re-send them, and they would show as duplicates); none is half-written.
      expect(stored.size).toBeGreaterThanOrEqual(answered.size);
      console.log(
        `crash round ${round}: ${answered.size} answered 200 so far, ${stored.size} stored after restart`,
      );
    }

    // The restarted server takes deliveries again, with new ids.
    const after = await sendDelivery(
      `${server.baseUrl}/api/hooks/${endpoint.token}`,
      delivery("after"),
    );
    expect(after.status).toBe(200);
    expect(after.body.id).toBeGreaterThan(Math.max(...answered.keys()));
  } finally {
    // Also when an assertion failed half-way: no server is left behind.
    await server.stop();
  }
}, 180_000);
