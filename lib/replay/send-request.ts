import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createUnzip } from "node:zlib";
import { pairsFromRawHeaders, type HeaderPairs } from "../cloudpods/headers";
import type { GuardPolicy } from "./address-guard";
import { guardedLookup, type Resolver } from "./guarded-lookup";
import { outboundHeaders, rawHeaderList } from "./outbound-headers";
import { CANCELLED_CODE, classifyError, TIMEOUT_CODE, type ReplayError } from "./replay-error";
import type { TargetAgents } from "./target-agents";
import { connectHost } from "./target-url";

/**
 * Sends one replay the way the platform sends a delivery: a single POST, no redirect
 * following (a 3xx is the answer), one deadline for the whole exchange, and only the
 * first `maxResponseBytes` of the answer kept (the rest is not even read). The socket
 * connects through the guarded lookup, so a refused address never receives a byte.
 * No DB, no Next: unit-tested against a local server.
 */
export type OutboundRequest = { url: URL; headers: HeaderPairs; body: Buffer };

export type SendOptions = {
  policy: GuardPolicy;
  timeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
  resolve?: Resolver;
  /** Kept-alive connections to reuse (target-agents.ts); without, one connection per
   *  request, closed after it. */
  agents?: TargetAgents;
};

export type SendOutcome = {
  requestHeaders: HeaderPairs;
  status: number | null;
  responseHeaders: HeaderPairs | null;
  responseBody: Buffer | null;
  responseTruncated: boolean;
  durationMs: number;
  error: ReplayError | null;
};

function decoderFor(encoding: string | undefined) {
  const name = encoding?.trim().toLowerCase();
  if (name === "gzip" || name === "x-gzip" || name === "deflate") return createUnzip();
  if (name === "br") return createBrotliDecompress();
  return null;
}

export function sendRequest(request: OutboundRequest, options: SendOptions): Promise<SendOutcome> {
  const { url, body } = request;
  const keptAgent = options.agents?.agentFor(url, options.policy, options.resolve);
  const requestHeaders = outboundHeaders(
    request.headers,
    url,
    body.length,
    keptAgent ? "keep-alive" : "close",
  );
  const transport = url.protocol === "https:" ? https : http;
  const agent =
    keptAgent ??
    new transport.Agent({
      keepAlive: false,
      lookup: guardedLookup(options.policy, options.resolve),
    });
  const started = performance.now();

  return new Promise((resolve) => {
    let status: number | null = null;
    let responseHeaders: HeaderPairs | null = null;
    const chunks: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    let settled = false;

    const finish = (error: ReplayError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      // A kept connection goes back to its agent only after a whole answer was read;
      // one with unread bytes (a cut answer, a deadline, an error) is closed.
      if (!keptAgent || error || truncated) req.destroy();
      if (!keptAgent) agent.destroy();
      resolve({
        requestHeaders,
        status,
        responseHeaders,
        responseBody: status === null ? null : Buffer.concat(chunks),
        responseTruncated: truncated,
        durationMs: Math.round(performance.now() - started),
        error,
      });
    };
    const fail = (error: unknown) => finish(classifyError(error));

    const req = transport.request({
      method: "POST",
      hostname: connectHost(url),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      headers: rawHeaderList(requestHeaders),
      agent,
    });
    const stop = (code: string, message: string) => () =>
      fail(Object.assign(new Error(message), { code }));
    const timer = setTimeout(
      stop(TIMEOUT_CODE, `no complete response within ${options.timeoutMs} ms`),
      options.timeoutMs,
    );
    const onAbort = stop(CANCELLED_CODE, "cancelled before the response completed");
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });

    req.on("error", fail);
    req.on("response", (response) => {
      status = response.statusCode ?? null;
      responseHeaders = pairsFromRawHeaders(response.rawHeaders);
      const decoder = decoderFor(response.headers["content-encoding"]);
      const source: Readable = decoder ? response.pipe(decoder) : response;
      response.on("error", fail);
      response.on("close", () => {
        if (!response.complete)
          fail(Object.assign(new Error("the response ended early"), { code: "ECONNRESET" }));
      });
      source.on("error", fail);
      source.on("data", (chunk: Buffer) => {
        const room = options.maxResponseBytes - kept;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          kept += room;
          truncated = true;
          return finish(null);
        }
        chunks.push(chunk);
        kept += chunk.length;
      });
      source.on("end", () => finish(null));
    });
    req.end(body);
  });
}
