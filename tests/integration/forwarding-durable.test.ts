import { afterAll, beforeAll, expect, it } from "vitest";
import { createEndpoint, sendDelivery } from "../support/api";
import { eventually, resourceEvent } from "../support/deliveries";
import { startForwardSink, type ForwardSink } from "../support/forward-sink";
import { forwardingDatabase, startForwardingServer } from "../support/forwarding-server";
import { createRule, getRule } from "../support/forwards";

/** On SQLite and on PostgreSQL (a database of its own for each test): the restart is on
 *  the same database. tests/integration-postgres/cluster-forwarding.test.ts kills one of
 *  two instances instead. */

let sink: ForwardSink;

beforeAll(async () => {
  sink = await startForwardSink();
});

afterAll(async () => {
  await sink?.close();
});

const at = (path: string) => sink.requests.filter((request) => request.path === path);
const deliveryIdOf = (request: { header: (name: string) => string | undefined }) =>
  Number(request.header("x-hooklens-delivery"));

it("loses no queued forward when killed with SIGKILL, and sends again what was in flight", async () => {
  const startOnItsDatabase = await forwardingDatabase("forwarding_durable");
  const env = { HOOKLENS_RATE_LIMIT: "0", HOOKLENS_FORWARD_RETRY_MS: "100" };
  let server = await startOnItsDatabase(env);
  const endpoint = await createEndpoint(server.baseUrl);
  const rule = await createRule(server.baseUrl, {
    url: sink.url("/crash"),
    filter: { endpoint: endpoint.id },
    concurrency: 2,
  });
  sink.respond((request) => (request.path === "/crash" ? { delayMs: 25 } : {}));
  const ids = new Map<string, number[]>();
  for (let i = 0; i < 120; i++) {
    const resource = `crash-${i % 6}`;
    const answer = await sendDelivery(
      endpoint.receiver_url,
      resourceEvent({ id: resource, details: { i } }),
    );
    expect(answer.status).toBe(200);
    ids.set(resource, [...(ids.get(resource) ?? []), answer.body.id as number]);
  }
  await sink.until(() => at("/crash").length >= 10);
  await server.stop("SIGKILL");
  const beforeRestart = at("/crash").length;
  expect(beforeRestart).toBeLessThan(120);

  server = await startOnItsDatabase(env);
  try {
    const all = [...ids.values()].flat();
    await sink.until(() => new Set(at("/crash").map(deliveryIdOf)).size === all.length, 40_000);
    await eventually(async () => {
      expect((await getRule(server.baseUrl, rule.id)).counts).toEqual({
        pending: 0,
        delivered: 120,
        failed: 0,
        dead: 0,
      });
    });
    // Each resource's deliveries first arrived in the order they were received.
    for (const [resource, expected] of ids) {
      const seen: number[] = [];
      for (const request of at("/crash")) {
        const id = deliveryIdOf(request);
        if (expected.includes(id) && !seen.includes(id)) seen.push(id);
      }
      expect(seen, resource).toEqual(expected);
    }
  } finally {
    await server.stop();
    sink.respond(() => ({}));
  }
});

it("posts each chat robot's JSON shape, from the default template or the rule's own", async () => {
  const server = await startForwardingServer({ HOOKLENS_PUBLIC_URL: "https://hooks.example.com" });
  try {
    const endpoint = await createEndpoint(server.baseUrl);
    for (const chat of ["feishu", "dingtalk", "wecom", "slack"]) {
      await createRule(server.baseUrl, {
        url: sink.url(`/chat/${chat}`),
        mode: "message",
        chat,
        filter: { endpoint: endpoint.id, result: "failed" },
      });
    }
    await createRule(server.baseUrl, {
      url: sink.url("/chat/custom"),
      mode: "message",
      chat: "slack",
      template: "{{action}} on {{resource_name}} ({{result}}) {{resource_id}} {{link}}",
      filter: { endpoint: endpoint.id, action: "host_down" },
    });
    await sendDelivery(endpoint.receiver_url, resourceEvent({ id: "web-1", action: "start" }));
    const failed = await sendDelivery(
      endpoint.receiver_url,
      resourceEvent({ id: "web-1", action: "host_down", result: "failed" }),
    );
    const id = failed.body.id as number;
    const link = `https://hooks.example.com/events/${id}`;
    await sink.until(() => sink.requests.filter((r) => r.path.startsWith("/chat/")).length >= 5);
    const json = (path: string) => JSON.parse(at(path)[0]!.body.toString()) as unknown;
    expect(json("/chat/feishu")).toEqual({
      msg_type: "text",
      content: { text: `[Hooklens] server web-1: host_down failed\n${link}` },
    });
    expect(json("/chat/dingtalk")).toEqual({
      msgtype: "markdown",
      markdown: {
        title: "[Hooklens] server web-1",
        text: `**[Hooklens] server web-1**\n\nhost_down failed\n\n[delivery #${id}](${link})`,
      },
    });
    expect(json("/chat/wecom")).toEqual({
      msgtype: "markdown",
      markdown: {
        content: `**[Hooklens] server web-1**\nhost_down failed\n[delivery #${id}](${link})`,
      },
    });
    expect(json("/chat/slack")).toEqual({
      text: `[Hooklens] server web-1: host_down failed <${link}|delivery #${id}>`,
    });
    expect(json("/chat/custom")).toEqual({ text: `host_down on web-1 (failed) web-1 ${link}` });
    for (const path of ["/chat/feishu", "/chat/custom"]) {
      expect(at(path)).toHaveLength(1);
      expect(at(path)[0]!.header("content-type")).toBe("application/json; charset=utf-8");
      expect(deliveryIdOf(at(path)[0]!)).toBe(id);
    }
  } finally {
    await server.stop();
  }
});
