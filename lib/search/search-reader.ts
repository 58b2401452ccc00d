import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { SearchBatch } from "./search-index-sqlite";

/** What the worker answers: a batch (null when nothing is past `after`), or why it failed. */
export type SearchReadReply = { id: number; batch?: SearchBatch | null; error?: string };
export type SearchReadRequest = { id: number; after: number; maxRows: number };

export type SearchReader = {
  /** readSearchBatch, done in the worker. */
  read: (after: number, maxRows: number) => Promise<SearchBatch | null>;
  stop: () => void;
};

/** The worker's heap: a batch is at most a few thousand deliveries' terms. */
const WORKER_HEAP_MB = 64;

/**
 * The payload index's reading and tokenising (readSearchBatch: each delivery's body
 * decoded, parsed and cut into terms, ~0.25 ms of CPU per delivery) in a worker thread
 * with its own connection, so that it runs on another core than the receiver. SQLite in
 * WAL mode lets it read while the receiver writes; the index rows come back to the main
 * thread, which writes them on its own connection, so that no two connections ever
 * compete for the write lock. The worker starts on the first read and again after it
 * died (its reads then fail, and the indexer's next run retries).
 */
export function startSearchReader(options: {
  workerFile: string;
  databaseFile: string;
}): SearchReader {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<
    number,
    { resolve: (batch: SearchBatch | null) => void; reject: (error: Error) => void }
  >();
  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  const start = () => {
    // The source (in development) loads through tsx, whose loader a worker does not inherit.
    const source = options.workerFile.endsWith(".ts");
    const file = pathToFileURL(options.workerFile).href;
    const script = `import("tsx/esm/api").then((tsx) => (tsx.register(), import(${JSON.stringify(file)})))`;
    const started = new Worker(source ? script : options.workerFile, {
      eval: source,
      workerData: { databaseFile: options.databaseFile },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    started.unref();
    started.on("message", (reply: SearchReadReply) => {
      const pending = waiting.get(reply.id);
      if (!pending) return;
      waiting.delete(reply.id);
      if (reply.error !== undefined) pending.reject(new Error(reply.error));
      else pending.resolve(reply.batch ?? null);
    });
    started.on("error", (error) => failAll(error));
    started.on("exit", (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`search reader exited with ${code}`));
    });
    return started;
  };
  return {
    read: (after, maxRows) =>
      new Promise((resolve, reject) => {
        worker ??= start();
        const id = ++next;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, after, maxRows } satisfies SearchReadRequest);
      }),
    stop: () => {
      const stopping = worker;
      worker = null;
      void stopping?.terminate();
    },
  };
}
