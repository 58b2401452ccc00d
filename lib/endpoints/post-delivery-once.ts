import "server-only";
import http from "node:http";
import https from "node:https";
import type { RenderedDelivery } from "../cloudpods/render-delivery";

export type PostAnswer =
  | { ok: true; status: number; body: string; durationMs: number }
  | { ok: false; error: string; durationMs: number };

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs one rendered delivery the way Go's client does: the headers in their order and
 * case, then Host and Content-Length, over plain node:http (fetch would add headers the
 * platform never sends, and the receiver keeps every header as received).
 */
export function postDeliveryOnce(
  url: URL,
  delivery: RenderedDelivery,
  timeoutMs = 10_000,
): Promise<PostAnswer> {
  const client = url.protocol === "https:" ? https : http;
  const body = Buffer.from(delivery.body, "utf8");
  const headers = [
    ...delivery.headers.flat(),
    "Host",
    url.host,
    "Content-Length",
    String(body.length),
  ];
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const request = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({
            ok: true,
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            durationMs: elapsed(),
          }),
        );
        response.on("error", (error) =>
          resolve({ ok: false, error: error.message, durationMs: elapsed() }),
        );
      },
    );
    request.setTimeout(timeoutMs, () =>
      request.destroy(new Error(`no answer within ${timeoutMs} ms`)),
    );
    request.on("error", (error: Error & { code?: string }) =>
      resolve({
        ok: false,
        error: error.code ? `${error.code}: ${error.message}` : error.message,
        durationMs: elapsed(),
      }),
    );
    request.end(body);
  });
}
