import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint } from "../support/api";
import { eventually } from "../support/deliveries";
import { openStream } from "../support/sse";
import { startNginx, type RunningNginx } from "../support/start-nginx";
import { freshDatabase } from "../support/start-postgres";
import { startServer, type RunningServer } from "../support/start-server";

/**
 * Cluster mode as it is deployed (issue 14): two instances on one PostgreSQL database
 * behind nginx on loopback, with the configuration the README shows (lib/cluster), round
 * robin, no sticky sessions. This file starts its own instances on a database of its own,
 * since the last test kills one.
 */
let instances: RunningServer[] = [];
let nginx: RunningNginx;
let databaseUrl: string;

const delivery = (marker: string, action = "update") =>
  renderDelivery({
    kind: "event",
    event: {
      resource_type: "server",
      action,
      resource_details: { id: marker, name: marker, status: "running" },
    },
  });

const hostPort = (server: RunningServer) => new URL(server.baseUrl).host;

async function post(baseUrl: string, token: string, body: ReturnType<typeof delivery>) {
  const response = await fetch(`${baseUrl}/api/hooks/${token}`, {
    method: "POST",
    headers: body.headers,
    body: body.body,
  });
  const json = (await response.json().catch(() => ({}))) as { id?: number };
  // nginx names each instance it tried, the one that answered last.
  const tried = response.headers.get("x-hooklens-instance")?.split(", ");
  return { status: response.status, id: json.id, instance: tried?.at(-1) ?? null };
}

async function storedIds(endpointId: string): Promise<Map<number, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; resource_id: string }>(
      "SELECT id, resource_id FROM deliveries WHERE endpoint_id = $1",
      [endpointId],
    );
    return new Map(rows.map((row) => [Number(row.id), row.resource_id]));
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  databaseUrl = await freshDatabase(inject("postgresUrl"), "cluster_nginx");
  const env = {
    DATABASE_URL: databaseUrl,
    HOOKLENS_POSTGRES_UNFINISHED: "1",
    HOOKLENS_TRUST_PROXY: "127.0.0.1",
    HOOKLENS_RATE_LIMIT: "0",
  };
  // One after the other: both would otherwise race to apply the migrations, which the
  // runner's lock makes safe, and another test checks (two-instances.test.ts).
  instances.push(await startServer({ env }));
  instances.push(await startServer({ env }));
  nginx = await startNginx({ instances: instances.map(hostPort) });
}, 240_000);

afterAll(async () => {
  await nginx?.stop();
  for (const instance of instances) await instance.stop();
  instances = [];
});

describe("two instances behind nginx", () => {
  it("spread deliveries over both instances, and a feed open through either sees them all", async () => {
    const endpoint = await createEndpoint(nginx.baseUrl);
    const streams = [nginx, ...instances].map((target) =>
      openStream(`${target.baseUrl}/api/events/stream?endpoint=${endpoint.id}`),
    );
    try {
      await Promise.all(streams.map((stream) => stream.ready));
      const answers = [];
      for (let i = 0; i < 10; i++)
        answers.push(await post(nginx.baseUrl, endpoint.token, delivery(`spread-${i}`)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
      // Round robin: each instance took half of them.
      const byInstance = new Map<string, number>();
      for (const { instance } of answers)
        byInstance.set(instance ?? "?", (byInstance.get(instance ?? "?") ?? 0) + 1);
      expect([...byInstance.keys()].sort()).toEqual(instances.map(hostPort).sort());
      const ids = answers.map((answer) => answer.id);
      for (const stream of streams) {
        const messages = await stream.waitFor(10, 5000);
        expect(messages.map((message) => Number(message.id))).toEqual(ids);
      }
      const list = await api<{ data: Array<{ id: number }> }>(
        nginx.baseUrl,
        `/api/events?endpoint=${endpoint.id}`,
      );
      expect(list.body.data.map((row) => row.id)).toEqual([...ids].reverse());
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it("take the platform's re-send as a duplicate whichever instance it reaches", async () => {
    const endpoint = await createEndpoint(nginx.baseUrl);
    const body = delivery("resent", "start");
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await post(nginx.baseUrl, endpoint.token, body));
    expect(new Set(answers.map((answer) => answer.instance)).size).toBe(2);
    const list = await api<{ data: Array<{ id: number; duplicate_of: number | null }> }>(
      instances[1]!.baseUrl,
      `/api/events?endpoint=${endpoint.id}`,
    );
    const first = answers[0]!.id;
    expect(list.body.data.map((row) => [row.id, row.duplicate_of])).toEqual(
      answers.map((answer, i) => [answer.id, i === 0 ? null : first]).reverse(),
    );
  });

  it("keep every delivery answered 200 when one instance is killed with SIGKILL under load, and the survivor serves on", async () => {
    const endpoint = await createEndpoint(nginx.baseUrl);
    const [victim, survivor] = instances as [RunningServer, RunningServer];
    const answered = new Map<number, string>();
    const servedBy = new Set<string>();
    const failures: number[] = [];
    let sequence = 0;
    const kill: { done?: Promise<void> } = {};
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        // Until the victim is dead and another 300 were answered after it died.
        let afterKill = 0;
        while (afterKill < 300 / 8 && sequence < 20_000) {
          const marker = `kill-${sequence++}`;
          const answer = await post(nginx.baseUrl, endpoint.token, delivery(marker));
          if (answer.status === 200) {
            answered.set(answer.id!, marker);
            if (!kill.done && answer.instance) servedBy.add(answer.instance);
          } else failures.push(answer.status);
          if (kill.done) afterKill++;
          if (answered.size >= 600 && !kill.done) kill.done = victim.stop("SIGKILL");
        }
      }),
    );
    await kill.done;
    expect(victim.process.signalCode).toBe("SIGKILL");
    expect(servedBy, "both instances took deliveries before the kill").toEqual(
      new Set(instances.map(hostPort)),
    );
    // What nginx had sent to the victim when it died answers 502 (the platform sends it
    // again); nothing else fails.
    expect(failures.filter((status) => status !== 502)).toEqual([]);

    const stored = await storedIds(endpoint.id);
    const lost = [...answered].filter(([id, marker]) => stored.get(id) !== marker);
    expect(lost.slice(0, 5), `${lost.length} of ${answered.size} answered 200 lost`).toEqual([]);
    console.log(
      `cluster kill: ${answered.size} answered 200, ${failures.length} answered 502, ${stored.size} stored`,
    );

    // The survivor serves: through nginx, which skips the dead instance, and directly.
    for (const target of [nginx.baseUrl, survivor.baseUrl]) {
      const answer = await post(target, endpoint.token, delivery(`after-${target}`));
      expect(answer.status, target).toBe(200);
      if (target === nginx.baseUrl) expect(answer.instance).toBe(hostPort(survivor));
    }
    await eventually(async () => {
      const detail = await api<{ resource_id: string }>(
        nginx.baseUrl,
        `/api/events/${Math.max(...answered.keys())}`,
      );
      expect(detail.status).toBe(200);
    });
  }, 180_000);
});
