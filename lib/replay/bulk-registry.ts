import { EventEmitter } from "node:events";
import { processSingleton } from "../process-singleton";
import type { BulkView } from "./bulk-view";
import type { ReplaySummary } from "./replay-view";

/**
 * The bulk replays running in this process: their cancel switches, their completion, and
 * a fan-out of their progress to live listeners (SSE). On globalThis because the custom
 * server and Next's bundle load separate module copies in one process.
 */
export type BulkMessage =
  { type: "progress"; bulk: BulkView } | { type: "result"; replay: ReplaySummary };

type Running = { controller: AbortController; done: Promise<void> };
type Registry = { running: Map<number, Running>; events: EventEmitter };

function registry(): Registry {
  return processSingleton<Registry>("bulkReplays", () => ({
    running: new Map(),
    events: new EventEmitter().setMaxListeners(0),
  }));
}

/** Runs `work` as bulk `id`, with a signal that cancelBulk aborts. */
export function runRegistered(
  id: number,
  work: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  const done = work(controller.signal).finally(() => registry().running.delete(id));
  registry().running.set(id, { controller, done });
  return done;
}

export function isBulkRunning(id: number): boolean {
  return registry().running.has(id);
}

/** Aborts a running bulk and waits until it has stopped; false when it was not running. */
export async function cancelBulk(id: number): Promise<boolean> {
  const running = registry().running.get(id);
  if (!running) return false;
  running.controller.abort();
  await running.done.catch(() => undefined);
  return true;
}

export function publishBulk(id: number, message: BulkMessage) {
  registry().events.emit(`bulk:${id}`, message);
}

export function subscribeBulk(id: number, listener: (message: BulkMessage) => void): () => void {
  registry().events.on(`bulk:${id}`, listener);
  return () => registry().events.off(`bulk:${id}`, listener);
}
