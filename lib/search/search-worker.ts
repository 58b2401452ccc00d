import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { IndexStepRequest, IndexStepResult } from "./search-index-step";

/** What the worker answers: the step's result, or why it failed. */
export type SearchStepReply = { id: number; result?: IndexStepResult; error?: string };
export type SearchStepRequest = { id: number; step: IndexStepRequest };

export type SearchWorker = {
  /** runIndexStep, done in the worker. */
  step: (request: IndexStepRequest) => Promise<IndexStepResult>;
  stop: () => void;
};

/** The worker's heap: a batch is at most a few thousand deliveries' terms. */
const WORKER_HEAP_MB = 64;

/**
 * The payload index's work (each delivery's body decoded, parsed and cut into terms,
 * ~0.3 ms of CPU per delivery, and the FTS5 write and merges, ~0.2 and ~0.1 ms more) in a
 * worker thread with its own connection, so that it runs on another core than the
 * receiver: at 1,000 deliveries/s the write alone was 16-30% of the receiver's loop, more
 * than the share background work may take there. SQLite in WAL mode lets it read while
 * the receiver writes; its writes take the write lock, which the receiver's commits wait
 * for without stopping their loop (lib/ingest/delivery-writer.ts). The worker starts on
 * the first step and again after it died (its steps then fail, and the indexer's next
 * run retries).
 */
export function startSearchWorker(options: {
  workerFile: string;
  databaseFile: string;
}): SearchWorker {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<
    number,
    { resolve: (result: IndexStepResult) => void; reject: (error: Error) => void }
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
    started.on("message", (reply: SearchStepReply) => {
      const pending = waiting.get(reply.id);
      if (!pending) return;
      waiting.delete(reply.id);
      if (reply.result) pending.resolve(reply.result);
      else pending.reject(new Error(reply.error ?? "search worker gave no result"));
    });
    started.on("error", (error) => failAll(error));
    started.on("exit", (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`search reader exited with ${code}`));
    });
    return started;
  };
  return {
    step: (step) =>
      new Promise((resolve, reject) => {
        worker ??= start();
        const id = ++next;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, step } satisfies SearchStepRequest);
      }),
    stop: () => {
      const stopping = worker;
      worker = null;
      void stopping?.terminate();
    },
  };
}
