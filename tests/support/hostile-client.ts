import { Agent, request, type IncomingHttpHeaders } from "node:http";

/**
 * Sends one request exactly as given, raw path and all (fetch would normalise it), and
 * resolves with the status, or with what went wrong instead: the socket closed without
 * an answer, or no answer within the deadline (a stall). Event streams are cut once
 * their headers arrive.
 */
export type HostileRequest = {
  method: string;
  target: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

export type HostileAnswer = {
  status: number | null;
  failure?: string;
  excerpt?: string;
  headers?: IncomingHttpHeaders;
};

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export function sendHostile(
  baseUrl: string,
  hostile: HostileRequest,
  timeoutMs = 60_000,
): Promise<HostileAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: HostileAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    let outgoing: ReturnType<typeof request>;
    try {
      outgoing = request({
        agent,
        host: hostname,
        port: Number(port),
        method: hostile.method,
        path: hostile.target,
        headers: {
          ...(hostile.body !== undefined
            ? { "content-length": String(Buffer.byteLength(hostile.body)) }
            : {}),
          ...hostile.headers,
        },
      });
    } catch (error) {
      // The client itself refuses to send it (a character Node will not put on the wire).
      return resolve({ status: null, failure: `not sendable: ${(error as Error).message}` });
    }
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish({ status: null, failure: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    outgoing.on("response", (response) => {
      const status = response.statusCode ?? null;
      const headers = response.headers;
      if (headers["content-type"]?.startsWith("text/event-stream")) {
        response.destroy();
        return finish({ status, headers });
      }
      let excerpt = "";
      response.on("data", (chunk: Buffer) => {
        if (excerpt.length < 300) excerpt += chunk.toString("utf8").slice(0, 300);
      });
      response.on("end", () => finish({ status, excerpt, headers }));
      response.on("error", () => finish({ status, excerpt, headers }));
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) =>
      finish({ status: null, failure: `${error.code ?? "error"}: ${error.message}` }),
    );
    outgoing.end(hostile.body);
  });
}

/** Runs the requests `width` at a time, calling `check` with each answer. */
export async function sendAll(
  baseUrl: string,
  requests: HostileRequest[],
  check: (hostile: HostileRequest, answer: HostileAnswer) => void,
  width = 4,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const hostile = requests[next++]!;
      check(hostile, await sendHostile(baseUrl, hostile));
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** The server process's resident memory in bytes (Linux), or null where unknown. */
export async function residentBytes(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : null;
}
