import type { IncomingMessage, ServerResponse } from "node:http";
import { pairsFromRawHeaders } from "../cloudpods/headers";
import { getIngestContext } from "./ingest-context";
import {
  DRAIN_BYTES,
  RECEIVER_ANSWER_HEADERS,
  receiveDelivery,
  tooLargeAnswer,
  type ReceiveAnswer,
} from "./receive-delivery";

/** The receiver path the custom server answers itself, without Next's request handling. */
export const RECEIVER_PATH = /^\/api\/hooks\/([A-Za-z0-9_-]{1,128})\/?(?:\?.*)?$/;

/** POST, and the GET/HEAD the platform sends after following a 301/302/303 redirect. */
export const RECEIVER_METHODS = new Set(["POST", "GET", "HEAD"]);

function send(res: ServerResponse, answer: ReceiveAnswer) {
  const json = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...answer.headers,
    ...RECEIVER_ANSWER_HEADERS,
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

/** Reads the body up to the cap; past it, drains (bounded) and answers 413, then closes. */
export function receiveNodeRequest(req: IncomingMessage, res: ServerResponse, token: string) {
  const context = getIngestContext();
  const max = context.maxBodyBytes;
  const refuse = () => {
    if (res.headersSent) return;
    res.setHeader("connection", "close");
    send(res, tooLargeAnswer(max));
  };
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > max + DRAIN_BYTES) {
    refuse();
    req.resume();
    return;
  }
  let chunks: Buffer[] = [];
  let total = 0;
  let refused = declared > max;
  req.on("data", (chunk: Buffer) => {
    total += chunk.length;
    if (refused || total > max) {
      refused = true;
      chunks = [];
      if (total > max + DRAIN_BYTES) refuse();
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (refused) return refuse();
    const headers = pairsFromRawHeaders(req.rawHeaders);
    const body = Buffer.concat(chunks, total);
    receiveDelivery({ context, token, headers, body, method: req.method }).then(
      (answer) => send(res, answer),
      (error: unknown) => {
        console.error("receiver failed", error);
        send(res, {
          status: 500,
          body: { error: { code: "internal", message: "Not stored; please retry." } },
        });
      },
    );
  });
  req.on("error", () => res.destroy());
}
