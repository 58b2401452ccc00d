import { describe, expect, it } from "vitest";
import type { ForwardAttemptView, ForwardJobView } from "../../lib/forwarding/forward-types";
import type { CursorPage } from "../../lib/http/cursor-page";
import { api, createEndpoint } from "../support/api";
import { eventually, resourceEvent } from "../support/deliveries";
import { forwardingPerFile, send } from "../support/forwarding-server";
import { createRule, getRule } from "../support/forwards";

const { server, sink, at } = forwardingPerFile();
describe("forwarding retries and dead letters", () => {
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
});
