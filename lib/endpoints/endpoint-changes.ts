import { EventEmitter } from "node:events";
import { processSingleton } from "../process-singleton";

/**
 * Tells the receiver that endpoints changed (created, edited, disabled, token rotated,
 * deleted), so that it can keep endpoints in memory instead of querying for every
 * delivery. On globalThis: the API (Next's bundle) and the fast receiver share a process.
 */
function emitter(): EventEmitter {
  return processSingleton("endpointChanges", () => new EventEmitter().setMaxListeners(0));
}

export function notifyEndpointsChanged() {
  emitter().emit("changed");
}

export function onEndpointsChanged(listener: () => void): () => void {
  emitter().on("changed", listener);
  return () => emitter().off("changed", listener);
}
