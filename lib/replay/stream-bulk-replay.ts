import "server-only";
import { bulksAcrossInstances } from "../db/queries/bulk-replays";
import { getPrisma } from "../db/prisma";
import { sseFrame } from "../http/sse";
import { catchUpStream } from "../live/catch-up-stream";
import { subscribeBulk, type BulkMessage } from "./bulk-registry";
import { getBulkReplay } from "./get-bulk-replay";
import { replaySummary, SUMMARY_SELECT } from "./replay-view";

/** Across instances, how often an open stream reads its bulk's row and new results. */
const POLL_MS = 250;

/** A bulk's results after `after`, oldest first, at most `limit`. */
async function resultsAfter(id: number, after: number, limit: number): Promise<BulkMessage[]> {
  const rows = await getPrisma().replay.findMany({
    where: { bulkId: id, id: { gt: after } },
    orderBy: { id: "asc" },
    take: limit,
    select: SUMMARY_SELECT,
  });
  return rows.map((row) => ({ type: "result", replay: replaySummary(row) }));
}

/**
 * A bulk's messages read from the database every POLL_MS, for a stream on an instance
 * that may not be the one running it (PostgreSQL): its progress when the row's counters
 * or state change, and (with `results`) its new results. A result is sent once it was
 * already there at the read before, so that one whose insert commits a moment after a
 * later id's is not passed over; once the bulk has ended, every result is in and all go,
 * before the final progress.
 */
function pollBulk(
  id: number,
  results: boolean,
  listener: (message: BulkMessage) => void,
): () => void {
  let stopped = false;
  let lastSent = 0;
  let settledThrough = 0;
  let lastProgress = "";
  let timer: NodeJS.Timeout | null = null;
  const poll = async () => {
    const bulk = await getBulkReplay({ id });
    // A bulk cancelled from another instance is "cancelled" before its runner has stopped:
    // it ends when the row says it finished.
    const ended = bulk.finished_at !== null;
    if (results) {
      for (;;) {
        const page = await resultsAfter(id, lastSent, 500);
        const ready = ended
          ? page
          : page.filter((m) => m.type === "result" && m.replay.id <= settledThrough);
        if (stopped) return;
        ready.forEach(listener);
        const last = ready.at(-1);
        if (last?.type === "result") lastSent = last.replay.id;
        const newest = page.at(-1);
        if (!ended) settledThrough = newest?.type === "result" ? newest.replay.id : settledThrough;
        if (!ended || page.length < 500) break;
      }
    }
    const text = JSON.stringify(bulk);
    if (!stopped && text !== lastProgress && (ended || bulk.state === "running")) {
      lastProgress = text;
      listener({ type: "progress", bulk });
    }
  };
  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      poll()
        .catch((error: unknown) => console.error("bulk replay", id, "stream:", error))
        .finally(next);
    }, POLL_MS);
  };
  next();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/**
 * A bulk replay's progress as Server-Sent Events: `progress` (the bulk's counters and
 * state) at once and as it runs, and, when `after` is given (a result id the client
 * already has, or Last-Event-ID on a reconnect), every `result` after it: first those
 * stored, then live ones, de-duplicated by id. The stream ends when the bulk does. Live
 * messages come from this process's runner (bulk-registry.ts) or, across instances
 * (PostgreSQL), from the database (pollBulk).
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
      bulksAcrossInstances()
        ? pollBulk(id, after !== null, listener)
        : subscribeBulk(id, (message) => {
            if (message.type === "progress" || after !== null) listener(message);
          }),
    readAfter: (lastResult, limit) => resultsAfter(id, lastResult, limit),
    idOf: (message) => (message.type === "result" ? message.replay.id : null),
    format: (message) =>
      message.type === "progress"
        ? sseFrame("progress", message.bulk)
        : sseFrame("result", message.replay, message.replay.id),
    // Sent last so that a finished bulk closes the stream after its results.
    last: async () => ({ type: "progress", bulk: await getBulkReplay({ id }) }),
    isFinal: (message) =>
      message.type === "progress" &&
      message.bulk.state !== "running" &&
      message.bulk.finished_at !== null,
  });
}
