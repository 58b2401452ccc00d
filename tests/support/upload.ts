import { connect } from "node:net";

/**
 * Starts a POST over a bare socket, sends `send` bytes of its body (declared as
 * `declared` bytes with a Content-Length, or chunked without the closing chunk), then
 * stops and waits for an answer. A server that holds bodies to a cap answers before the
 * body is complete; one that waits for the whole body says nothing until its request
 * timeout. A bare socket because a server that answers and closes mid-upload makes
 * node:http's client fail with EPIPE before it hands over the answer.
 */
export function uploadPart(
  url: string,
  options: {
    send: number;
    declared?: number;
    headers?: Record<string, string>;
    timeoutMs?: number;
  },
): Promise<{ status: number | null; text: string }> {
  const { hostname, port, pathname } = new URL(url);
  const chunked = options.declared === undefined;
  const chunk = Buffer.alloc(64 * 1024, "a");
  const frame = (part: Buffer) =>
    chunked
      ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from("\r\n")])
      : part;
  const head = [
    `POST ${pathname} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    "Content-Type: application/json",
    chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${options.declared}`,
    ...Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    "",
    "",
  ].join("\r\n");
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let response = "";
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1];
      const headEnd = response.indexOf("\r\n\r\n");
      let body = headEnd < 0 ? "" : response.slice(headEnd + 4);
      if (/transfer-encoding: chunked/i.test(response.slice(0, headEnd))) body = unchunk(body);
      resolve({ status: status ? Number(status) : null, text: body });
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 20_000);
    socket.on("data", (data: Buffer) => {
      response += data.toString("latin1");
      if (complete(response)) finish();
    });
    socket.on("close", finish);
    socket.on("error", finish);
    let written = 0;
    const pump = () => {
      while (written < options.send && !socket.destroyed) {
        const part = chunk.subarray(0, Math.min(chunk.length, options.send - written));
        written += part.length;
        if (!socket.write(frame(part))) return void socket.once("drain", pump);
      }
    };
    socket.on("connect", () => {
      socket.write(head);
      pump();
    });
  });
}

function complete(response: string): boolean {
  const bodyStart = response.indexOf("\r\n\r\n") + 4;
  if (bodyStart < 4) return false;
  const length = /content-length: (\d+)/i.exec(response.slice(0, bodyStart))?.[1];
  if (length === undefined) return response.endsWith("0\r\n\r\n");
  return response.length - bodyStart >= Number(length);
}

function unchunk(body: string): string {
  let text = "";
  for (let at = 0; ;) {
    const lineEnd = body.indexOf("\r\n", at);
    const size = parseInt(body.slice(at, lineEnd), 16);
    if (!(size > 0)) return text;
    text += body.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
