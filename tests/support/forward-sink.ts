import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real local HTTP server that forwarding rules send to. It keeps every request as it
 * arrived (raw header pairs, body bytes, arrival time) and answers as `respond` says at
 * that moment, after its delay, so that a test can make it slow, fail, then recover.
 * It also counts how many requests of one key (X-Hooklens-Delivery's resource, as the
 * test maps it) were ever open at once.
 */
export type ForwardedRequest = {
  path: string;
  headers: Array<[string, string]>;
  body: Buffer;
  at: number;
  header: (name: string) => string | undefined;
};

export type SinkAnswer = {
  status?: number;
  delayMs?: number;
  headers?: Record<string, string>;
  body?: string;
};

export type ForwardSink = {
  url: (path: string) => string;
  requests: ForwardedRequest[];
  respond: (answer: (request: ForwardedRequest) => SinkAnswer) => void;
  /** Resolves once `check` holds over the requests so far (rejects after timeoutMs). */
  until: (check: (requests: ForwardedRequest[]) => boolean, timeoutMs?: number) => Promise<void>;
  /** The most requests that were open at once, overall and per value of `keyOf`. */
  peaks: () => { overall: number; perKey: number };
  keyOf: (fn: (request: ForwardedRequest) => string) => void;
  close: () => Promise<void>;
};

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export async function startForwardSink(): Promise<ForwardSink> {
  const requests: ForwardedRequest[] = [];
  const waiters = new Set<() => void>();
  let answer: (request: ForwardedRequest) => SinkAnswer = () => ({});
  let keyOf: (request: ForwardedRequest) => string = () => "";
  const open = new Map<string, number>();
  let openOverall = 0;
  const peak = { overall: 0, perKey: 0 };

  const server = createServer((req, res) => {
    void read(req).then((body) => {
      const headers: Array<[string, string]> = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        headers.push([req.rawHeaders[i] ?? "", req.rawHeaders[i + 1] ?? ""]);
      const request: ForwardedRequest = {
        path: req.url ?? "",
        headers,
        body,
        at: Date.now(),
        header: (name) => headers.find(([key]) => key.toLowerCase() === name)?.[1],
      };
      const key = keyOf(request);
      open.set(key, (open.get(key) ?? 0) + 1);
      openOverall += 1;
      peak.perKey = Math.max(peak.perKey, open.get(key) ?? 0);
      peak.overall = Math.max(peak.overall, openOverall);
      requests.push(request);
      waiters.forEach((wake) => wake());
      const reply = answer(request);
      setTimeout(() => {
        open.set(key, (open.get(key) ?? 1) - 1);
        openOverall -= 1;
        res.writeHead(reply.status ?? 200, { "Content-Type": "text/plain", ...reply.headers });
        res.end(reply.body ?? "ok");
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    respond: (fn) => (answer = fn),
    keyOf: (fn) => {
      // Peaks count from here: the sink is shared by a file's tests, and an earlier test's
      // sends (all under one key before this) are no measure of this one's.
      keyOf = fn;
      peak.perKey = 0;
      peak.overall = 0;
    },
    peaks: () => ({ ...peak }),
    until: (check, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const done = () => {
          if (!check(requests)) return;
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(done);
          reject(new Error(`the sink's condition did not hold; ${requests.length} requests`));
        }, timeoutMs);
        waiters.add(done);
        done();
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
