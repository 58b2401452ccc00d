import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ForwardAttemptView, ForwardJobView } from "../../lib/forwarding/forward-types";
import type { CursorPage } from "../../lib/http/cursor-page";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { eventually } from "../support/deliveries";
import { startForwardSink, type ForwardSink } from "../support/forward-sink";
import { createRule, getRule, resourceEvent } from "../support/forwards";
import { startServer, type RunningServer } from "../support/start-server";

let server: RunningServer;
let sink: ForwardSink;

beforeAll(async () => {
  [server, sink] = await Promise.all([
    startServer({
      env: {
        HOOKLENS_RATE_LIMIT: "0",
        HOOKLENS_FORWARD_RETRY_MS: "100",
        HOOKLENS_FORWARD_MAX_AGE_MS: "3000",
        HOOKLENS_FORWARD_DOWN_AFTER_MS: "1000",
      },
    }),
    startForwardSink(),
  ]);
});

afterAll(async () => {
  await Promise.all([server?.stop(), sink?.close()]);
});

/** Requests that reached the sink at one path (each test uses its own). */
const at = (path: string) => sink.requests.filter((request) => request.path === path);

async function send(receiverUrl: string, delivery: ReturnType<typeof resourceEvent>) {
  const answer = await sendDelivery(receiverUrl, delivery);
  expect(answer.status).toBe(200);
  return answer.body.id as number;
}

describe("forwarding rules", () => {
  it("passes on exactly the matching deliveries, byte-exact, with the two Hooklens headers", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    const rule = await createRule(server.baseUrl, {
      url: sink.url("/exact"),
      filter: { endpoint: endpoint.id, resource_type: "server" },
      headers: [["X-Team", "cmdb"]],
    });
    const sent = new Map<number, Buffer>();
    for (let i = 0; i < 6; i++) {
      const server_ = resourceEvent({ id: `vm-${i}`, details: { seq: i } });
      sent.set(await send(endpoint.receiver_url, server_), Buffer.from(server_.body));
      await send(endpoint.receiver_url, resourceEvent({ resourceType: "network", id: `net-${i}` }));
    }
    await sink.until(() => at("/exact").length >= 6);
    const forwarded = at("/exact");
    expect(
      forwarded.map((request) => Number(request.header("x-hooklens-delivery"))).sort(),
    ).toEqual([...sent.keys()].sort());
    for (const request of forwarded) {
      const id = Number(request.header("x-hooklens-delivery"));
      expect(request.body.equals(sent.get(id)!)).toBe(true);
      expect(request.header("x-hooklens-forward")).toBe(String(rule.id));
      expect(request.header("x-team")).toBe("cmdb");
      expect(request.header("user-agent")).toBe("yunioncloud-go/201708");
      expect(request.header("x-yunion-event")).toBeDefined();
    }
    const view = await eventually(async () => {
      const body = await getRule(server.baseUrl, rule.id);
      expect(body.counts).toEqual({ pending: 0, delivered: 6, failed: 0, dead: 0 });
      return body;
    });
    expect(view.health).toBe("healthy");
    expect(view.median_latency_ms).toBeGreaterThanOrEqual(0);

    const firstId = [...sent.keys()][0]!;
    const { body: forwards } = await api<{ data: ForwardJobView[] }>(
      server.baseUrl,
      `/api/events/${firstId}/forwards`,
    );
    expect(forwards.data).toEqual([
      expect.objectContaining({
        rule_id: rule.id,
        rule_name: rule.name,
        state: "delivered",
        attempts: 1,
      }),
    ]);
  });

  it("keeps each resource's order under random sink delays while resources go side by side", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    await createRule(server.baseUrl, {
      url: sink.url("/order"),
      filter: { endpoint: endpoint.id },
      concurrency: 4,
    });
    sink.keyOf((request) => (request.path === "/order" ? resourceOf(request) : request.path));
    sink.respond((request) =>
      request.path === "/order" ? { delayMs: Math.floor(Math.random() * 40) } : {},
    );
    const order = new Map<string, number[]>();
    await Promise.all(
      ["a", "b", "c", "d"].map(async (name) => {
        for (let seq = 0; seq < 8; seq++) {
          const id = await send(
            endpoint.receiver_url,
            resourceEvent({ id: `order-${name}`, details: { seq } }),
          );
          order.set(name, [...(order.get(name) ?? []), id]);
        }
      }),
    );
    await sink.until(() => at("/order").length >= 32, 30_000);
    for (const [name, ids] of order) {
      const arrived = at("/order")
        .filter((request) => resourceOf(request) === `order-${name}`)
        .map((request) => Number(request.header("x-hooklens-delivery")));
      expect(arrived).toEqual(ids);
    }
    expect(sink.peaks().perKey).toBe(1);
    expect(sink.peaks().overall).toBeGreaterThan(1);
    sink.respond(() => ({}));
  });

  it("retries a failing sink with backoff until it recovers, and loses nothing", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    const rule = await createRule(server.baseUrl, {
      url: sink.url("/flaky"),
      filter: { endpoint: endpoint.id },
    });
    let failures = 0;
    sink.respond((request) => {
      if (request.path !== "/flaky") return {};
      if (failures < 6) {
        failures += 1;
        return failures === 1
          ? { status: 429, headers: { "Retry-After": "1" } }
          : { status: failures % 2 ? 503 : 408 };
      }
      return {};
    });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await send(endpoint.receiver_url, resourceEvent({ id: `flaky-${i}` })));
    await eventually(async () => {
      const body = await getRule(server.baseUrl, rule.id);
      expect(body.counts).toEqual({ pending: 0, delivered: 5, failed: 0, dead: 0 });
    }, 20_000);
    const delivered = new Set(
      at("/flaky").map((request) => Number(request.header("x-hooklens-delivery"))),
    );
    for (const id of ids) expect(delivered.has(id)).toBe(true);
    // The 429's Retry-After (1 s) held the retry of that delivery back.
    const first = at("/flaky")[0]!;
    const again = at("/flaky").find(
      (request, index) =>
        index > 0 && request.header("x-hooklens-delivery") === first.header("x-hooklens-delivery"),
    )!;
    expect(again.at - first.at).toBeGreaterThanOrEqual(950);

    const { body: attempts } = await api<CursorPage<ForwardAttemptView>>(
      server.baseUrl,
      `/api/forwards/${rule.id}/attempts?limit=4`,
    );
    expect(attempts.data).toHaveLength(4);
    expect(attempts.next_cursor).not.toBeNull();
    const { body: rest } = await api<CursorPage<ForwardAttemptView>>(
      server.baseUrl,
      `/api/forwards/${rule.id}/attempts?limit=50&cursor=${attempts.next_cursor}`,
    );
    const all = [...attempts.data, ...rest.data];
    expect(all.length).toBe(11);
    expect(
      all
        .filter((attempt) => attempt.outcome === "retry")
        .map((a) => a.status)
        .sort(),
    ).toEqual([408, 408, 408, 429, 503, 503]);
    sink.respond(() => ({}));
  });

  it("sends what cannot succeed to the dead letters, and retries one or all of them", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    let accept = false;
    sink.respond((request) => {
      if (request.path === "/reject") return accept ? {} : { status: 422, body: "no thanks" };
      if (request.path === "/down") return { status: 503 };
      return {};
    });
    const rejecting = await createRule(server.baseUrl, {
      url: sink.url("/reject"),
      filter: { endpoint: endpoint.id, action: "create" },
    });
    const down = await createRule(server.baseUrl, {
      url: sink.url("/down"),
      filter: { endpoint: endpoint.id, action: "delete" },
    });
    for (let i = 0; i < 3; i++)
      await send(endpoint.receiver_url, resourceEvent({ id: `dead-${i}`, action: "create" }));
    await send(endpoint.receiver_url, resourceEvent({ id: "gone", action: "delete" }));

    // A 4xx is final at the first answer; a 503 goes on until the max age (3 s here).
    await eventually(async () => {
      expect((await getRule(server.baseUrl, rejecting.id)).counts.dead).toBe(3);
    });
    expect(at("/reject")).toHaveLength(3);
    const downView = await eventually(async () => {
      const body = await getRule(server.baseUrl, down.id);
      expect(body.counts.dead).toBe(1);
      return body;
    }, 15_000);
    expect(at("/down").length).toBeGreaterThan(2);
    expect(downView.health).toBe("down");
    expect(downView.last_error).toBe("answered 503");
    expect(server.output()).toContain(`Forwarding rule #${down.id}`);

    const { body: dead } = await api<CursorPage<ForwardJobView>>(
      server.baseUrl,
      `/api/forwards/${rejecting.id}/dead`,
    );
    expect(dead.data).toHaveLength(3);
    expect(dead.data[0]).toMatchObject({ state: "dead", last_status: 422, attempts: 1 });

    accept = true;
    const one = await api<{ retried: number }>(
      server.baseUrl,
      `/api/forwards/${rejecting.id}/dead/retry`,
      {
        json: { job_id: dead.data[2]!.id },
      },
    );
    expect(one.body).toEqual({ retried: 1 });
    await eventually(async () => {
      const body = await getRule(server.baseUrl, rejecting.id);
      expect(body.counts).toMatchObject({ delivered: 1, dead: 2 });
    });
    const all = await api<{ retried: number }>(
      server.baseUrl,
      `/api/forwards/${rejecting.id}/dead/retry`,
      {
        method: "POST",
      },
    );
    expect(all.body).toEqual({ retried: 2 });
    await eventually(async () => {
      const body = await getRule(server.baseUrl, rejecting.id);
      expect(body.counts).toMatchObject({ delivered: 3, dead: 0 });
      expect(body.health).toBe("healthy");
    });
    expect(at("/reject")).toHaveLength(6);
    sink.respond(() => ({}));
  });

  it("queues while paused and sends the backlog in order once resumed", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    const paused = await createRule(server.baseUrl, {
      url: sink.url("/paused"),
      filter: { endpoint: endpoint.id },
    });
    await createRule(server.baseUrl, {
      url: sink.url("/watch"),
      filter: { endpoint: endpoint.id },
    });
    expect(
      (await api(server.baseUrl, `/api/forwards/${paused.id}/pause`, { method: "POST" })).status,
    ).toBe(200);
    const ids: number[] = [];
    for (let i = 0; i < 4; i++)
      ids.push(
        await send(endpoint.receiver_url, resourceEvent({ id: "paused-vm", details: { i } })),
      );
    // The unpaused rule got them all: the paused one had every chance and sent nothing.
    await sink.until(() => at("/watch").length >= 4);
    expect(at("/paused")).toHaveLength(0);
    const view = await getRule(server.baseUrl, paused.id);
    expect(view).toMatchObject({ paused: true, health: "paused", counts: { pending: 4 } });

    await api(server.baseUrl, `/api/forwards/${paused.id}/resume`, { method: "POST" });
    await sink.until(() => at("/paused").length >= 4);
    expect(at("/paused").map((request) => Number(request.header("x-hooklens-delivery")))).toEqual(
      ids,
    );
  });

  it("re-renders and signs in endpoint mode", async () => {
    const source = await createEndpoint(server.baseUrl);
    const target = await createEndpoint(server.baseUrl, {
      secret_key: "forward-secret",
      header: { "X-Robot": "cmdb" },
    });
    await createRule(server.baseUrl, {
      url: sink.url("/signed"),
      mode: "endpoint",
      endpoint_id: target.id,
      filter: { endpoint: source.id },
    });
    await send(source.receiver_url, resourceEvent({ id: "signed-vm" }));
    await sink.until(() => at("/signed").length >= 1);
    const [request] = at("/signed");
    const { verifySignature } = await import("../../lib/cloudpods/verify-signature");
    expect(verifySignature("forward-secret", request!.body, request!.header("x-auth-token"))).toBe(
      true,
    );
    expect(request!.header("x-robot")).toBe("cmdb");
  });

  it("refuses rules the API cannot honour, with the field", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: "http://169.254.169.254/latest" }, "url"],
      [{ url: sink.url("/x"), filter: { resouce_type: "server" } }, "resouce_type"],
      [{ url: sink.url("/x"), mode: "message" }, "chat"],
      [{ url: sink.url("/x"), mode: "endpoint" }, "endpoint_id"],
      [{ url: sink.url("/x"), mode: "message", chat: "slack", template: "{{nope}}" }, "template"],
      [{ url: sink.url("/x"), mode: "exact", chat: "slack" }, "chat"],
    ];
    for (const [fields, field] of cases) {
      const { status, body } = await api<{ error: { code: string; field: string } }>(
        server.baseUrl,
        "/api/forwards",
        { json: { name: "bad", mode: "exact", ...fields } },
      );
      expect(status, JSON.stringify(fields)).toBe(422);
      expect(body.error.field).toContain(field);
    }
    expect((await api(server.baseUrl, "/api/forwards/999999")).status).toBe(404);
  });
});

function resourceOf(request: { body: Buffer }): string {
  try {
    const body = JSON.parse(request.body.toString()) as { resource_details?: { id?: string } };
    return body.resource_details?.id ?? "";
  } catch {
    return "";
  }
}
