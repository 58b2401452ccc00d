import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint, sendDelivery } from "../support/api";
import { startOnEngine } from "../support/engine-database";
import { startReplaySink, type ReplaySink } from "../support/replay-sink";
import type { RunningServer } from "../support/start-server";

/** A server configured to refuse private and loopback targets too. */
let server: RunningServer;
let sink: ReplaySink;

beforeAll(async () => {
  [server, sink] = await Promise.all([
    startOnEngine({ env: { HOOKLENS_REPLAY_ALLOW_PRIVATE: "0" } }),
    startReplaySink(),
  ]);
});
afterAll(async () => {
  await Promise.all([server.stop(), sink.close()]);
});

describe("HOOKLENS_REPLAY_ALLOW_PRIVATE=0", () => {
  it("refuses loopback targets, by literal and by name resolved at connect time, and sends nothing", async () => {
    const endpoint = await createEndpoint(server.baseUrl);
    const sent = await sendDelivery(
      endpoint.receiver_url,
      renderDelivery({ kind: "text", text: "hello" }),
    );
    const port = new URL(sink.url("/")).port;
    for (const url of [
      sink.url("/ok"),
      `http://localhost:${port}/ok`,
      `http://[::ffff:127.0.0.1]:${port}/ok`,
    ]) {
      const answer = await api(server.baseUrl, `/api/events/${String(sent.body.id)}/replay`, {
        json: { url },
      });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({
        error: { field: "url", message: expect.stringContaining("loopback") },
      });
    }
    const bulk = await api(server.baseUrl, "/api/replays/bulk", {
      json: { url: `http://localhost:${port}/ok`, filter: {}, dry_run: true },
    });
    expect(bulk.status).toBe(422);
    expect(sink.requests).toEqual([]);
    const history = await api<{ data: unknown[] }>(
      server.baseUrl,
      `/api/events/${String(sent.body.id)}/replays`,
    );
    expect(history.body.data).toEqual([]);
  });
});
