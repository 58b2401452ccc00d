import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { renderDelivery, type EventMessage } from "../../lib/cloudpods/render-delivery";
import { api, createEndpoint } from "./api";
import { startReplaySink, type ReplaySink } from "./replay-sink";
import { openStream } from "./sse";

/** What the replay tests store, send and read back. */
export type Attempt = {
  id: number;
  event_id: number;
  url: string;
  mode: string;
  status: number | null;
  duration_ms: number;
  error: string | null;
  error_code: string | null;
  ok: boolean;
  request_headers: Array<[string, string]>;
  request_body: string;
  response_headers: Array<[string, string]> | null;
  response_body: string | null;
  created_at: string;
};
export type DeliveryDetail = {
  id: number;
  headers: Array<[string, string]>;
  body: string;
  signature: string;
};

export const replayEvent: EventMessage = {
  action: "create",
  resource_type: "server",
  resource_details: { id: "s-replay-1", name: "名前 <web> & co", vcpu_count: 2, status: "running" },
};

/** Posts raw bytes with headers in the given case and order, as the platform's Go client would. */
export function postRaw(
  url: string,
  headers: Array<[string, string]>,
  body: string,
): Promise<{ status: number; body: { id: number } }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const bytes = Buffer.from(body, "utf8");
    // Go's client writes Host first; a raw header list must carry it itself.
    const raw = [
      ["Host", target.host],
      ...headers,
      ["Content-Length", String(bytes.length)],
    ].flat();
    const req = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        headers: raw,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: (text ? JSON.parse(text) : {}) as { id: number },
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(bytes);
  });
}

export const withoutRecomputed = (headers: Array<[string, string]>) =>
  headers.filter(
    ([name]) => !["host", "content-length", "connection"].includes(name.toLowerCase()),
  );

export const baseUrl = () => inject("baseUrl");

export async function storeDelivery(
  robot: Parameters<typeof renderDelivery>[1] = {},
  endpointFields: Record<string, unknown> = {},
) {
  const endpoint = await createEndpoint(baseUrl(), endpointFields);
  const rendered = renderDelivery({ kind: "event", event: replayEvent }, robot);
  const sent = await postRaw(endpoint.receiver_url, rendered.headers, rendered.body);
  expect(sent.status).toBe(200);
  return { endpoint, rendered, id: sent.body.id };
}

export const replay = (id: number, json: Record<string, unknown>) =>
  api<Attempt>(baseUrl(), `/api/events/${id}/replay`, { json });

/**
 * A sink for a whole test file: started before its tests, closed after them. The object is
 * filled in once started, so a file holds it from its top.
 */
export function replaySinkPerFile(options: { secretKey?: string } = {}): ReplaySink {
  const sink = {} as ReplaySink;
  beforeAll(async () => {
    Object.assign(sink, await startReplaySink(options));
  });
  afterAll(async () => {
    await sink.close?.();
  });
  return sink;
}

/** A bulk replay as the API answers it (the fields the tests read). */
export type BulkBody = {
  id: number;
  state: string;
  total: number;
  sent: number;
  succeeded: number;
  failed: number;
  filter: Record<string, string>;
  finished_at: string | null;
};

/** Follows a bulk replay's stream on `baseUrl` until it reports an end state; answers the messages. */
export async function followBulkToEnd(baseUrl: string, id: number, timeoutMs = 20_000) {
  const stream = openStream(`${baseUrl}/api/replays/bulk/${id}/stream?after=0`);
  await stream.ready;
  const ended = () =>
    stream.messages.some(
      (m) =>
        m.event === "progress" && (JSON.parse(m.data) as { state: string }).state !== "running",
    );
  try {
    while (!ended()) await stream.waitFor(stream.messages.length + 1, timeoutMs);
  } finally {
    stream.close();
  }
  return stream.messages;
}
