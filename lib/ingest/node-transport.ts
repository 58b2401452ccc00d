import type { IncomingMessage, ServerResponse } from "node:http";
import { pairsFromRawHeaders } from "../cloudpods/headers";
import { getIngestContext } from "./ingest-context";
import { receiveDelivery, tooLargeAnswer, type ReceiveAnswer } from "./receive-delivery";

/** The receiver path the custom server answers itself, without Next's request handling. */
export const RECEIVER_PATH = /^\/api\/hooks\/([A-Za-z0-9_-]{1,128})\/?(?:\?.*)?$/;

function send(res: ServerResponse, answer: ReceiveAnswer) {
  const json = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...answer.headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

/** Reads the body up to the cap; answers 413 at once past it (and closes the socket). */
export function receiveNodeRequest(req: IncomingMessage, res: ServerResponse, token: string) {
  const context = getIngestContext();
  const max = context.maxBodyBytes;
  if (Number(req.headers["content-length"] ?? "0") > max) {
    res.setHeader("connection", "close");
    send(res, tooLargeAnswer(max));
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let refused = false;
  req.on("data", (chunk: Buffer) => {
    if (refused) return;
    total += chunk.length;
    if (total > max) {
      refused = true;
      res.setHeader("connection", "close");
      send(res, tooLargeAnswer(max));
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (refused) return;
    const headers = pairsFromRawHeaders(req.rawHeaders);
    receiveDelivery({ context, token, headers, body: Buffer.concat(chunks, total) }).then(
      (answer) => send(res, answer),
      (error: unknown) => {
        console.error("receiver failed", error);
        send(res, { status: 500, body: { error: { code: "internal", message: "Not stored; please retry." } } });
      },
    );
  });
  req.on("error", () => res.destroy());
}
