import type { IncomingMessage, ServerOptions, ServerResponse } from "node:http";
import type { Config } from "../config";

/**
 * Caps node:http enforces for every request, receiver or dashboard: header bytes (Node
 * answers 431 itself), time to send the headers and the whole request (408, against
 * slow clients holding sockets open), and header count. Node's maxHeadersCount drops
 * headers past the count instead of refusing, so the server keeps one more than the cap
 * and refuses the request when that one arrives.
 */
export function httpServerOptions(config: Config): ServerOptions {
  const requestTimeout = config.HOOKLENS_REQUEST_TIMEOUT_MS;
  return {
    maxHeaderSize: config.HOOKLENS_MAX_HEADER_BYTES,
    requestTimeout,
    headersTimeout: Math.min(config.HOOKLENS_HEADERS_TIMEOUT_MS, requestTimeout),
    // How often Node looks for requests past their timeouts (default 30 s).
    connectionsCheckingInterval: Math.min(1000, requestTimeout),
  };
}

export function maxHeadersCount(config: Config): number {
  return config.HOOKLENS_MAX_HEADERS + 1;
}

/** Answers 431 and returns true when the request has more headers than the cap. */
export function refuseTooManyHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  max: number,
): boolean {
  if (req.rawHeaders.length / 2 <= max) return false;
  const json = JSON.stringify({
    error: { code: "headers_too_many", message: `More than ${max} request headers; not kept.` },
  });
  res.writeHead(431, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
    connection: "close",
  });
  res.end(json);
  req.resume();
  return true;
}
