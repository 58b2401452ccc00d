import type { HeaderPairs } from "../cloudpods/headers";
import { readCappedBody } from "../http/read-capped-body";
import { getIngestContext } from "./ingest-context";
import {
  DRAIN_BYTES,
  RECEIVER_ANSWER_HEADERS,
  receiveDelivery,
  tooLargeAnswer,
  type ReceiveAnswer,
} from "./receive-delivery";

/** The receiver as a fetch-API handler (Next.js route handler). */
export async function receiveWebRequest(request: Request, token: string): Promise<Response> {
  const context = getIngestContext();
  // Past the cap it reads on and throws away up to DRAIN_BYTES more, so that the client
  // gets the 413 rather than a reset, then gives up.
  const body = await readCappedBody(request, {
    maxBytes: context.maxBodyBytes,
    drainBytes: DRAIN_BYTES,
  });
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
