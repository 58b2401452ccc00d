import type { HeaderPairs } from "../cloudpods/headers";
import { getIngestContext } from "./ingest-context";
import {
  DRAIN_BYTES,
  RECEIVER_ANSWER_HEADERS,
  receiveDelivery,
  tooLargeAnswer,
  type ReceiveAnswer,
} from "./receive-delivery";

/**
 * Reads a web request body up to the cap. Past it, reads on and throws away up to
 * DRAIN_BYTES more (so that the client gets the 413 rather than a reset), then gives up.
 */
async function readCapped(request: Request, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes + DRAIN_BYTES) return null;
  if (!request.body) return Buffer.alloc(0);
  let chunks: Uint8Array[] = [];
  let total = 0;
  let refused = declared > maxBytes;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (refused || total > maxBytes) {
      refused = true;
      chunks = [];
      if (total > maxBytes + DRAIN_BYTES) break;
      continue;
    }
    chunks.push(value);
  }
  if (!refused) return Buffer.concat(chunks);
  await reader.cancel();
  return null;
}

/** The receiver as a fetch-API handler (Next.js route handler). */
export async function receiveWebRequest(request: Request, token: string): Promise<Response> {
  const context = getIngestContext();
  const body = await readCapped(request, context.maxBodyBytes);
  let answer: ReceiveAnswer;
  // The unread rest of a refused body would sit in front of the next request on a
  // kept-alive socket: close it, as the fast path does.
  if (body === null)
    answer = { ...tooLargeAnswer(context.maxBodyBytes), headers: { connection: "close" } };
  else {
    // Fetch's Headers lower-cases names and joins repeats; that is what this path can see.
    const headers: HeaderPairs = [...request.headers.entries()];
    answer = await receiveDelivery({ context, token, headers, body, method: request.method });
  }
  const json = request.method === "HEAD" ? null : JSON.stringify(answer.body);
  return new Response(json, {
    status: answer.status,
    headers: { ...answer.headers, ...RECEIVER_ANSWER_HEADERS },
  });
}
