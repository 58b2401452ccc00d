import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPoster } from "./post-delivery";
import { sendStream } from "./send-stream";
import { collect } from "./test-helpers";

type Received = { rawHeaders: string[]; body: string };

describe("sendStream over HTTP", () => {
  const received: Received[] = [];
  let server: http.Server;
  let url: URL;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({
          rawHeaders: request.rawHeaders,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        // Every tenth answer is a 401, as a receiver with another secret would give.
        response.writeHead(received.length % 10 === 0 ? 401 : 200, {
          "content-type": "application/json",
        });
        response.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/hooks/token`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("delivers every body byte for byte with the platform's headers in order and case", async () => {
    const deliveries = collect({ count: 40, robot: { secretKey: "k" } });
    const poster = createPoster(url, { concurrency: 4, timeoutMs: 5000 });
    const { stats, unreachable } = await sendStream({
      deliveries,
      post: poster.post,
      rate: 0,
      concurrency: 4,
    });
    poster.close();

    expect(unreachable).toBeNull();
    expect(stats.sent).toBe(40);
    expect(stats.byStatus).toEqual({ 200: 36, 401: 4 });
    expect(received.map((r) => r.body).sort()).toEqual(deliveries.map((d) => d.body).sort());
    const first = received[0]!;
    expect(first.body).toBe(deliveries[0]!.body);
    const names = first.rawHeaders.filter((_, i) => i % 2 === 0);
    expect(names).toEqual([
      "Host",
      ...deliveries[0]!.headers.map(([name]) => name),
      "Content-Length",
      "Connection",
    ]);
  });

  it("never lets a re-sent duplicate overtake its first send", async () => {
    received.length = 0;
    const deliveries = collect({ count: 120, duplicateShare: 0.3 });
    const poster = createPoster(url, { concurrency: 8, timeoutMs: 5000 });
    await sendStream({ deliveries, post: poster.post, rate: 0, concurrency: 8 });
    poster.close();
    const requestId = (raw: string[]) => raw[raw.indexOf("X-Request-Id") + 1];
    const arrival = new Map(received.map((r, index) => [requestId(r.rawHeaders), index]));
    const sentId = (index: number) =>
      deliveries[index]!.headers.find(([k]) => k === "X-Request-Id")![1];
    const duplicates = deliveries.filter((d) => d.expect.duplicateOf !== null);
    expect(duplicates.length).toBeGreaterThan(10);
    for (const duplicate of duplicates) {
      const first = arrival.get(sentId(duplicate.expect.duplicateOf!))!;
      expect(arrival.get(sentId(duplicate.expect.sequence))).toBeGreaterThan(first);
    }
  });

  it("paces the stream at the asked rate", async () => {
    const deliveries = collect({ count: 11 });
    const poster = createPoster(url, { concurrency: 2, timeoutMs: 5000 });
    const started = performance.now();
    await sendStream({ deliveries, post: poster.post, rate: 50, concurrency: 2 });
    poster.close();
    // 10 paced sends at 50/s take at least 180 ms after the first one.
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
  });

  it("stops after the validation when the receiver refuses it, as the platform does", async () => {
    const refusing = http.createServer((_request, response) => {
      response.writeHead(404);
      response.end();
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    const port = (refusing.address() as AddressInfo).port;
    const poster = createPoster(new URL(`http://127.0.0.1:${port}/api/hooks/unknown`), {
      concurrency: 1,
      timeoutMs: 2000,
    });
    const outcome = await sendStream({
      deliveries: collect({ count: 5 }),
      post: poster.post,
      rate: 0,
      concurrency: 1,
    });
    poster.close();
    await new Promise<void>((resolve) => refusing.close(() => resolve()));
    expect(outcome).toMatchObject({ unreachable: null, refusedStatus: 404, stats: { sent: 1 } });
  });

  it("stops after the first delivery when nothing answers", async () => {
    const closed = new URL(url);
    closed.port = "1";
    const poster = createPoster(closed, { concurrency: 1, timeoutMs: 2000 });
    const { stats, unreachable } = await sendStream({
      deliveries: collect({ count: 5 }),
      post: poster.post,
      rate: 0,
      concurrency: 1,
    });
    poster.close();
    expect(unreachable).toMatch(/ECONNREFUSED/);
    expect(stats).toMatchObject({ sent: 1, byStatus: { error: 1 } });
  });
});
