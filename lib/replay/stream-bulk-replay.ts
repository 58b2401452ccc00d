import "server-only";
import { getPrisma } from "../db/prisma";
import { sseFrame } from "../http/sse";
import { catchUpStream } from "../live/catch-up-stream";
import { subscribeBulk, type BulkMessage } from "./bulk-registry";
import { getBulkReplay } from "./get-bulk-replay";
import { replaySummary, SUMMARY_SELECT } from "./replay-view";

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
  const { id, after } = options;
  return catchUpStream<BulkMessage>({
    after,
    signal: options.signal,
    // Without `after` the client asked for progress only.
    subscribe: (listener) =>
      subscribeBulk(id, (message) => {
        if (message.type === "progress" || after !== null) listener(message);
      }),
    readAfter: async (lastResult, limit) => {
      const rows = await getPrisma().replay.findMany({
        where: { bulkId: id, id: { gt: lastResult } },
        orderBy: { id: "asc" },
        take: limit,
        select: SUMMARY_SELECT,
      });
      return rows.map((row) => ({ type: "result", replay: replaySummary(row) }));
    },
    idOf: (message) => (message.type === "result" ? message.replay.id : null),
    format: (message) =>
      message.type === "progress"
        ? sseFrame("progress", message.bulk)
        : sseFrame("result", message.replay, message.replay.id),
    // Sent last so that a finished bulk closes the stream after its results.
    last: async () => ({ type: "progress", bulk: await getBulkReplay({ id }) }),
    isFinal: (message) => message.type === "progress" && message.bulk.state !== "running",
  });
}
