import { connect } from "node:net";

/**
 * Speaks HTTP/1.1 over a bare socket, for what fetch will not send: more headers than
 * allowed, NUL bytes, a request that stops half-way. Resolves when the server closes
 * the socket or the deadline passes, with whatever came back.
 */
export type RawExchange = {
  status: number | null;
  response: string;
  closedByServer: boolean;
  elapsedMs: number;
};

/** Whether a whole response (Content-Length or chunked) has arrived. */
function complete(response: string): boolean {
  const bodyStart = response.indexOf("\r\n\r\n") + 4;
  if (bodyStart < 4) return false;
  const length = /content-length: (\d+)/i.exec(response.slice(0, bodyStart))?.[1];
  if (length !== undefined) return response.length - bodyStart >= Number(length);
  return response.endsWith("0\r\n\r\n");
}

export function rawExchange(
  baseUrl: string,
  parts: Array<string | Buffer>,
  options: { timeoutMs?: number; closeAfterResponse?: boolean } = {},
): Promise<RawExchange> {
  const { hostname, port } = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let response = "";
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1];
      resolve({
        status: status ? Number(status) : null,
        response,
        closedByServer,
        elapsedMs: Date.now() - started,
      });
    };
    const timer = setTimeout(() => finish(false), options.timeoutMs ?? 10_000);
    socket.on("data", (chunk: Buffer) => {
      response += chunk.toString("latin1");
      if (options.closeAfterResponse && complete(response)) finish(false);
    });
    socket.on("end", () => finish(true));
    socket.on("close", () => finish(true));
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNRESET" || error.code === "EPIPE") finish(true);
      else if (!settled) reject(error);
    });
    socket.on("connect", () => {
      for (const part of parts) socket.write(part);
    });
  });
}

/** A complete POST with the given extra header lines. */
export function postRequest(
  path: string,
  body: string | Buffer,
  headerLines: string[] = [],
): Buffer {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  const head = [
    `POST ${path} HTTP/1.1`,
    "Host: 127.0.0.1",
    "Content-Type: application/json",
    `Content-Length: ${bytes.length}`,
    ...headerLines,
    "",
    "",
  ].join("\r\n");
  return Buffer.concat([Buffer.from(head, "latin1"), bytes]);
}
