/** A comment line this often keeps proxies and browsers from timing a stream out. */
export const HEARTBEAT_MS = 15_000;
export const SSE_HEARTBEAT = ": keep-alive\n\n";

/** No caching or compression on the way (either would hold events back), and nginx told
 *  not to buffer. */
const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

export function sseResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, { headers: SSE_HEADERS });
}

/** One SSE message: `data` as one line of JSON, with an `id` when it has one. */
export function sseFrame(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
