import type { ServerResponse } from "node:http";

/**
 * Sets a header when the response is about to be sent, unless whoever answered set it.
 * The access gate cannot simply set Cache-Control up front: Next keeps a header already on
 * the response over the one a route handler's Response carries, so the streams' and
 * receivers' `no-store, no-transform` would become the gate's `no-store`, and Next would
 * then gzip them. Node sends every header through writeHead (an implicit one too).
 */
export function defaultHeader(res: ServerResponse, name: string, value: string): void {
  const writeHead = res.writeHead.bind(res);
  res.writeHead = ((...args: Parameters<ServerResponse["writeHead"]>) => {
    if (!res.headersSent && res.getHeader(name) === undefined) res.setHeader(name, value);
    return writeHead(...args);
  }) as ServerResponse["writeHead"];
}
