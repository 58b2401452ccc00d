import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ForwardAttemptView } from "../../lib/forwarding/forward-types";
import type { CursorPage } from "../../lib/http/cursor-page";
import { api, createEndpoint } from "../support/api";
import { eventually, resourceEvent } from "../support/deliveries";
import { startForwardSink, type ForwardSink } from "../support/forward-sink";
import { send, startForwardingServer } from "../support/forwarding-server";
import { createRule, getRule } from "../support/forwards";
import type { RunningServer } from "../support/start-server";

/** Forwards go over kept-alive connections; the outbound guard must still judge each
 *  one. A server configured to refuse private and loopback targets, beside a sink on
 *  loopback that must never see a request. */
let server: RunningServer;
let sink: ForwardSink;

beforeAll(async () => {
  [server, sink] = await Promise.all([
    startForwardingServer({ HOOKLENS_REPLAY_ALLOW_PRIVATE: "0", HOOKLENS_RATE_LIMIT: "0" }),
    startForwardSink(),
  ]);
});
afterAll(async () => {
  await Promise.all([server.stop(), sink.close()]);
});

describe("forwarding with HOOKLENS_REPLAY_ALLOW_PRIVATE=0", () => {
  it("refuses a loopback literal when the rule is saved", async () => {
    const { status, body } = await api<{ error: { field: string; message: string } }>(
      server.baseUrl,
      "/api/forwards",
      { json: { name: "literal", mode: "exact", url: sink.url("/literal"), filter: {} } },
    );
    expect(status).toBe(422);
    expect(body.error).toMatchObject({
      field: "url",
      message: expect.stringContaining("loopback"),
    });
  });

  it("refuses a name that resolves to loopback at connect time, sends nothing, and gives up", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    const port = new URL(sink.url("/")).port;
    const rule = await createRule(server.baseUrl, {
      url: `http://localhost:${port}/named`,
      filter: { endpoint: endpoint.id },
    });
    for (let i = 0; i < 3; i++)
      await send(endpoint.receiver_url, resourceEvent({ id: `guarded-${i}` }));
    await eventually(async () => {
      expect((await getRule(server.baseUrl, rule.id)).counts).toMatchObject({
        dead: 3,
        delivered: 0,
      });
    });
    const { body } = await api<CursorPage<ForwardAttemptView>>(
      server.baseUrl,
      `/api/forwards/${rule.id}/attempts`,
    );
    expect(body.data).toHaveLength(3);
    for (const attempt of body.data) {
      expect(attempt).toMatchObject({ outcome: "dead", status: null });
      expect(attempt.error).toContain("loopback");
    }
    expect(sink.requests).toEqual([]);
  });
});
