import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { createEndpoint, sendDelivery } from "../support/api";
import { eventually, listAllDeliveries } from "../support/deliveries";
import { startOnEngine } from "../support/engine-database";
import { postRequest, rawExchange } from "../support/raw-http";
import type { RunningServer } from "../support/start-server";
import { TRANSPORTS } from "../support/transports";

const text = (message: string) => renderDelivery({ kind: "text", text: message });
const nested = (depth: number) =>
  `{"Msg":"deep","x":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;

describe.each(TRANSPORTS)("limits on the receiver via %s (defaults)", (_name, base) => {
  it("refuses a body over HOOKLENS_MAX_BODY_BYTES with 413 and keeps nothing, declared or chunked", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const big = `{"Msg":"${"x".repeat(1024 * 1024)}"}`;
    const declared = await sendDelivery(endpoint.receiver_url, {
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(declared.body).toMatchObject({ error: { code: "payload_too_large" } });
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++)
          controller.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
        controller.close();
      },
    });
    const chunked = await fetch(endpoint.receiver_url, {
      method: "POST",
      body: chunks,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await listAllDeliveries(baseUrl, endpoint.id)).toHaveLength(0);
  });

  it("parses JSON up to HOOKLENS_MAX_JSON_DEPTH and keeps deeper bodies unparsed, 10,000 levels too", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const atCap = await sendDelivery(endpoint.receiver_url, {
      headers: { "content-type": "application/json" },
      body: nested(64),
    });
    expect(atCap.status).toBe(200);
    const over = await sendDelivery(endpoint.receiver_url, {
      headers: { "content-type": "application/json" },
      body: nested(65),
    });
    expect(over.status).toBe(400);
    const hostile = await sendDelivery(endpoint.receiver_url, {
      headers: { "content-type": "application/json" },
      body: nested(10_000),
    });
    expect(hostile.status).toBe(400);
    const stored = await listAllDeliveries(baseUrl, endpoint.id);
    expect(stored.map((d) => [d.id, d.kind])).toEqual([
      [hostile.body.id, "unparsed"],
      [over.body.id, "unparsed"],
      [atCap.body.id, "text"],
    ]);
    expect(stored[0]!.parse_error).toMatch(/nesting deeper than 64/);
  });

  it("refuses more headers than HOOKLENS_MAX_HEADERS, and headers over HOOKLENS_MAX_HEADER_BYTES, with 431", async () => {
    const baseUrl = base();
    const endpoint = await createEndpoint(baseUrl);
    const path = `/api/hooks/${endpoint.token}`;
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `X-Extra-${i}: ${i}`);
    // Host, Content-Type and Content-Length come with every raw request.
    const atCap = await rawExchange(baseUrl, [postRequest(path, '{"Msg":"ok"}', lines(97))], {
      closeAfterResponse: true,
    });
    expect(atCap.status).toBe(200);
    const overCount = await rawExchange(baseUrl, [postRequest(path, '{"Msg":"no"}', lines(98))]);
    expect(overCount.status).toBe(431);
    const overSize = await rawExchange(baseUrl, [
      postRequest(path, '{"Msg":"no"}', [`X-Big: ${"b".repeat(17 * 1024)}`]),
    ]);
    expect(overSize.status).toBe(431);
    expect(overSize.closedByServer).toBe(true);
    expect((await listAllDeliveries(baseUrl, endpoint.id)).map((d) => d.message)).toEqual(["ok"]);
  });
});

describe("limits with small settings", () => {
  const env = {
    // One token back every 2 s: none comes back while the test sends its 14.
    HOOKLENS_RATE_LIMIT: "0.5",
    HOOKLENS_RATE_LIMIT_BURST: "10",
    HOOKLENS_HEADERS_TIMEOUT_MS: "1000",
    HOOKLENS_REQUEST_TIMEOUT_MS: "2000",
  };
  let fast: RunningServer;
  let route: RunningServer;
  beforeAll(async () => {
    [fast, route] = await Promise.all([
      startOnEngine({ env }),
      startOnEngine({ env: { ...env, HOOKLENS_FAST_INGEST: "0" } }),
    ]);
    // Warm the API up first: on a loaded machine the first request into Next can take
    // longer than the 2 s request timeout under test, which would answer it 408.
    for (const server of [fast, route])
      await eventually(() => createEndpoint(server.baseUrl), 30_000, 250);
  });
  afterAll(() => Promise.all([fast.stop(), route.stop()]));

  it.each([
    ["fast transport", () => fast],
    ["route handler", () => route],
  ])(
    "rate-limits each endpoint on its own: 429 with Retry-After, not kept (%s)",
    async (_name, server) => {
      const { baseUrl } = server();
      const [busy, quiet] = await Promise.all([createEndpoint(baseUrl), createEndpoint(baseUrl)]);
      const answers = [];
      for (let i = 0; i < 14; i++)
        answers.push(await sendDelivery(busy.receiver_url, text(`m${i}`)));
      expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(200));
      const refused = answers.slice(10);
      expect(refused.map((a) => a.status)).toEqual([429, 429, 429, 429]);
      expect(refused[0]!.body).toMatchObject({ error: { code: "rate_limited" } });
      const raw = await fetch(busy.receiver_url, { method: "POST", body: '{"Msg":"again"}' });
      expect(raw.status).toBe(429);
      expect(Number(raw.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(raw.headers.get("retry-after"))).toBeLessThanOrEqual(2);
      expect((await sendDelivery(quiet.receiver_url, text("other endpoint"))).status).toBe(200);
      // After Retry-After, the endpoint takes deliveries again.
      const later = await eventually(
        async () => {
          const answer = await sendDelivery(busy.receiver_url, text("later"));
          if (answer.status !== 200) throw new Error(`still ${answer.status}`);
          return answer;
        },
        6000,
        250,
      );
      expect(later.status).toBe(200);
      const kept = (await listAllDeliveries(baseUrl, busy.id)).map((d) => d.message);
      expect(kept).toHaveLength(11);
      expect(kept).not.toContain("again");
    },
  );

  it("drops a client that sends its headers too slowly (408, socket closed)", async () => {
    const started = Date.now();
    const slow = await rawExchange(
      fast.baseUrl,
      ["POST /api/hooks/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "],
      { timeoutMs: 8000 },
    );
    expect(slow.closedByServer).toBe(true);
    expect(slow.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("drops a client that sends its body too slowly, and keeps nothing of it", async () => {
    const endpoint = await createEndpoint(fast.baseUrl);
    const head = `POST /api/hooks/${endpoint.token} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"Msg":"`;
    const slow = rawExchange(fast.baseUrl, [head], { timeoutMs: 8000 });
    // Meanwhile other clients are served.
    expect((await sendDelivery(endpoint.receiver_url, text("prompt"))).status).toBe(200);
    const result = await slow;
    expect(result.closedByServer).toBe(true);
    expect(result.status).toBe(408);
    expect(result.elapsedMs).toBeLessThan(5000);
    expect((await listAllDeliveries(fast.baseUrl, endpoint.id)).map((d) => d.message)).toEqual([
      "prompt",
    ]);
  });
});
