import "server-only";
import { getPrisma } from "../db/prisma";
import { subscribeBulk, type BulkMessage } from "./bulk-registry";
import { getBulkReplay } from "./get-bulk-replay";
import { replaySummary, SUMMARY_SELECT } from "./replay-view";

const CATCH_UP_PAGE = 500;
const HEARTBEAT_MS = 15_000;

function sse(message: BulkMessage): string {
  if (message.type === "progress")
    return `event: progress\ndata: ${JSON.stringify(message.bulk)}\n\n`;
  return `id: ${message.replay.id}\nevent: result\ndata: ${JSON.stringify(message.replay)}\n\n`;
}

/**
 * A bulk replay's progress as Server-Sent Events: `progress` (the bulk's counters and
 * state) at once and as it runs, and, when `after` is given (a result id the client
 * already has, or Last-Event-ID on a reconnect), every `result` after it: first those
 * stored, then live ones, de-duplicated by id. The stream ends when the bulk does.
 */
export function streamBulkReplay(options: {
  id: number;
  after: number | null;
  signal: AbortSignal;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let live = false;
      let lastResult = options.after ?? 0;
      const held: BulkMessage[] = [];
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // the client went away first
        }
      };
      const send = (message: BulkMessage) => {
        if (closed) return;
        if (message.type === "result") {
          if (options.after === null || message.replay.id <= lastResult) return;
          lastResult = message.replay.id;
        }
        controller.enqueue(encoder.encode(sse(message)));
        if (message.type === "progress" && message.bulk.state !== "running") close();
      };
      const unsubscribe = subscribeBulk(options.id, (message) =>
        live ? send(message) : held.push(message),
      );
      const heartbeat = setInterval(
        () => controller.enqueue(encoder.encode(": keep-alive\n\n")),
        HEARTBEAT_MS,
      );
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
      };
      options.signal.addEventListener("abort", close);

      try {
        const bulk = await getBulkReplay({ id: options.id });
        controller.enqueue(encoder.encode("retry: 2000\n: connected\n\n"));
        if (options.after !== null) {
          for (;;) {
            const rows = await getPrisma().replay.findMany({
              where: { bulkId: options.id, id: { gt: lastResult } },
              orderBy: { id: "asc" },
              take: CATCH_UP_PAGE,
              select: SUMMARY_SELECT,
            });
            rows.forEach((row) => send({ type: "result", replay: replaySummary(row) }));
            if (rows.length < CATCH_UP_PAGE) break;
          }
        }
        live = true;
        held.forEach(send);
        // Sent last so that a finished bulk closes the stream after its results.
        if (!closed)
          send({
            type: "progress",
            bulk: bulk.state === "running" ? await getBulkReplay(options) : bulk,
          });
      } catch (error) {
        controller.error(error);
        cleanup();
      }
    },
    cancel() {
      cleanup();
    },
  });
}
