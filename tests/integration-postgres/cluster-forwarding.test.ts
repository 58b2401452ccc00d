import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SENDS } from "../../lib/forwarding/start-forwarding";
import { createEndpoint, sendDelivery } from "../support/api";
import { eventually, resourceEvent } from "../support/deliveries";
import { startForwardSink, type ForwardSink } from "../support/forward-sink";
import { createRule, getRule } from "../support/forwards";
import { freshDatabase } from "../support/start-postgres";
import { startServer, type RunningServer } from "../support/start-server";

/**
 * Forwarding in cluster mode (issue 14): two instances on one PostgreSQL database of their
 * own. Exactly one sends (job lock "forwarding"); what either receives is forwarded once,
 * in each resource's order, with a rule made through the other; when the sending instance
 * is killed with SIGKILL mid-run the other takes the sending over, and every delivery
 * reaches the sink, none twice but those in flight at the kill (at most the concurrency).
 */
const instances: RunningServer[] = [];
let sink: ForwardSink;

beforeAll(async () => {
  const databaseUrl = await freshDatabase(inject("postgresUrl"), "cluster_forwarding");
  const env = {
    DATABASE_URL: databaseUrl,
    HOOKLENS_POSTGRES_UNFINISHED: "1",
    HOOKLENS_RATE_LIMIT: "0",
    HOOKLENS_FORWARD_RETRY_MS: "100",
  };
  sink = await startForwardSink();
  instances.push(await startServer({ env }));
  instances.push(await startServer({ env }));
}, 240_000);

afterAll(async () => {
  for (const instance of instances.splice(0)) await instance.stop();
  await sink?.close();
});

const idOf = (request: { header: (name: string) => string | undefined }) =>
  Number(request.header("x-hooklens-delivery"));
const at = (path: string) => sink.requests.filter((request) => request.path === path);

/** How often each delivery reached `path`. */
function arrivals(path: string) {
  const seen = new Map<number, number>();
  for (const request of at(path)) seen.set(idOf(request), (seen.get(idOf(request)) ?? 0) + 1);
  return seen;
}

/** Each resource's deliveries first arrived in the order they were received. */
function expectResourceOrder(path: string, sent: Map<string, number[]>) {
  for (const [resource, expected] of sent) {
    const first: number[] = [];
    for (const request of at(path)) {
      const id = idOf(request);
      if (expected.includes(id) && !first.includes(id)) first.push(id);
    }
    expect(first, resource).toEqual(expected);
  }
}

describe("forwarding on two instances of one PostgreSQL database", () => {
  it("sends each forward once from one instance, and is taken over after a SIGKILL", async () => {
    const [a, b] = instances as [RunningServer, RunningServer];
    const holder = await eventually(() => {
      const saying = instances.filter((instance) => instance.output().includes(SENDS));
      expect(saying).toHaveLength(1);
      return saying[0]!;
    }, 15_000);
    const survivor = holder === a ? b : a;
    const endpoint = await createEndpoint(a.baseUrl);
    const rule = await createRule(b.baseUrl, {
      url: sink.url("/cluster"),
      filter: { endpoint: endpoint.id },
      concurrency: 2,
    });
    const sent = new Map<string, number[]>();
    const send = async (via: RunningServer[], tag: string, count: number) => {
      for (let i = 0; i < count; i++) {
        const resource = `${tag}-${i % 4}`;
        const target = via[i % via.length]!;
        const answer = await sendDelivery(
          `${target.baseUrl}/api/hooks/${endpoint.token}`,
          resourceEvent({ id: resource, details: { i } }),
        );
        expect(answer.status).toBe(200);
        sent.set(resource, [...(sent.get(resource) ?? []), answer.body.id as number]);
      }
    };

    await send([a, b], "both", 40);
    await sink.until(() => arrivals("/cluster").size >= 40, 30_000);
    await eventually(async () => {
      for (const via of [a, b]) {
        expect((await getRule(via.baseUrl, rule.id)).counts).toEqual({
          pending: 0,
          delivered: 40,
          failed: 0,
          dead: 0,
        });
      }
    });
    expect([...arrivals("/cluster").values()].every((times) => times === 1)).toBe(true);
    expectResourceOrder("/cluster", sent);

    // Slow answers, so that sends are in flight when the holder dies.
    sink.respond((request) => (request.path === "/cluster" ? { delayMs: 40 } : {}));
    const before = at("/cluster").length;
    await send([survivor], "kill", 60);
    await sink.until(() => at("/cluster").length >= before + 8, 30_000);
    await holder.stop("SIGKILL");
    await eventually(() => expect(survivor.output()).toContain(SENDS), 15_000);
    await sink.until(() => arrivals("/cluster").size >= 100, 60_000);
    const times = arrivals("/cluster");
    const twice = [...times.values()].filter((count) => count > 1);
    expect(twice.length).toBeLessThanOrEqual(2);
    expect(Math.max(...times.values())).toBeLessThanOrEqual(2);
    expectResourceOrder("/cluster", sent);
    await eventually(async () => {
      expect((await getRule(survivor.baseUrl, rule.id)).counts).toEqual({
        pending: 0,
        delivered: 100,
        failed: 0,
        dead: 0,
      });
    });
    sink.respond(() => ({}));
  });
});
