import http from "node:http";
import https from "node:https";
import type { HeaderPairs } from "../cloudpods/headers";

export type PostResult =
  { ok: true; status: number; ms: number } | { ok: false; error: string; ms: number };

export type Poster = {
  post: (delivery: { headers: HeaderPairs; body: string }) => Promise<PostResult>;
  close: () => void;
};

/**
 * POSTs deliveries over plain node:http(s) with keep-alive. Not fetch: fetch adds
 * sec-fetch-mode, accept-language and lowercase content-length, which the platform never
 * sends, and the receiver keeps every header as received. Here the wire carries Host,
 * the delivery's headers in their order and case, and Content-Length, like Go's client.
 */
export function createPoster(
  url: URL,
  options: { concurrency: number; timeoutMs: number },
): Poster {
  const client = url.protocol === "https:" ? https : http;
  const agent = new client.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const path = `${url.pathname}${url.search}`;

  function post(delivery: { headers: HeaderPairs; body: string }): Promise<PostResult> {
    const started = performance.now();
    const body = Buffer.from(delivery.body, "utf8");
    const headers = [
      "Host",
      url.host,
      ...delivery.headers.flat(),
      "Content-Length",
      String(body.length),
    ];
    return new Promise((resolve) => {
      const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
      const request = client.request(
        {
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port,
          path,
          method: "POST",
          agent,
          headers,
        },
        (response) => {
          // The platform ignores the answer's body; drain it so the socket is reused.
          response.resume();
          response.on("end", () =>
            resolve({ ok: true, status: response.statusCode ?? 0, ms: elapsed() }),
          );
          response.on("error", (error) =>
            resolve({ ok: false, error: describe(error), ms: elapsed() }),
          );
        },
      );
      request.setTimeout(options.timeoutMs, () =>
        request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      );
      request.on("error", (error) => resolve({ ok: false, error: describe(error), ms: elapsed() }));
      request.end(body);
    });
  }

  return { post, close: () => agent.destroy() };
}

function describe(error: Error & { code?: string }): string {
  return error.code ? `${error.code}: ${error.message}` : error.message;
}
