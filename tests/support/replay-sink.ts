import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature } from "../../lib/cloudpods/verify-signature";

/**
 * A real local HTTP server that replays are sent to, for integration and Playwright
 * tests. It keeps every request exactly as it arrived (raw header pairs, body bytes) and
 * answers by path: /ok 200, /delay?ms= 200 later, /random?max= 200 after a random 0 to max
 * ms, /redirect 302, /fail 500, /slow never, /verify checks the
 * X-Auth-Token against `secretKey` with the platform's own verify-signature.
 */
export type SinkRequest = {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: Buffer;
  /** Order stamps (performance.now()): when it arrived, and when its answer was sent. */
  receivedAt: number;
  answeredAt?: number;
};

export type ReplaySink = {
  url: (path: string) => string;
  requests: SinkRequest[];
  /** Resolves once `count` requests have arrived (rejects after timeoutMs). */
  waitFor: (count: number, timeoutMs?: number) => Promise<SinkRequest[]>;
  close: () => Promise<void>;
};

function answer(request: SinkRequest, res: ServerResponse, secretKey: string | undefined) {
  const path = request.path.split("?")[0];
  if (path === "/slow") return; // never answers: the replay's deadline must end it
  if (path === "/delay") {
    // /delay?ms=300: answers like /ok, later, so that progress can be watched.
    const ms = Number(new URL(request.path, "http://sink").searchParams.get("ms") ?? 300);
    return setTimeout(() => answer({ ...request, path: "/ok" }, res, secretKey), ms);
  }
  if (path === "/random") {
    const max = Number(new URL(request.path, "http://sink").searchParams.get("max") ?? 50);
    return setTimeout(
      () => answer({ ...request, path: "/ok" }, res, secretKey),
      Math.random() * max,
    );
  }
  if (path === "/redirect")
    return res.writeHead(302, { Location: "/ok", "Content-Type": "text/plain" }).end("moved");
  if (path === "/fail")
    return res.writeHead(500, { "Content-Type": "text/plain" }).end("sink failure");
  if (path === "/verify") {
    const token = request.headers.find(([name]) => name.toLowerCase() === "x-auth-token")?.[1];
    const valid = secretKey !== undefined && verifySignature(secretKey, request.body, token);
    return res
      .writeHead(valid ? 200 : 401, { "Content-Type": "application/json" })
      .end(JSON.stringify({ signature: valid ? "valid" : "invalid" }));
  }
  res.writeHead(200, { "Content-Type": "application/json", "X-Sink": "replay-sink" });
  res.end(JSON.stringify({ received: request.body.length, sink: "ok" }));
}

export async function startReplaySink(options: { secretKey?: string } = {}): Promise<ReplaySink> {
  const requests: SinkRequest[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers: Array<[string, string]> = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        headers.push([req.rawHeaders[i] ?? "", req.rawHeaders[i + 1] ?? ""]);
      const request: SinkRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers,
        body: Buffer.concat(chunks),
        receivedAt: performance.now(),
      };
      res.on("finish", () => (request.answeredAt = performance.now()));
      requests.push(request);
      waiters.splice(0).forEach((wake) => wake());
      answer(request, res, options.secretKey);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`expected ${count} requests at the sink, got ${requests.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return requests.slice(0, count);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
