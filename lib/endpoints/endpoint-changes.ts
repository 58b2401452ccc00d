import { EventEmitter } from "node:events";
import { announceEndpointsChanged } from "../db/queries/endpoint-announcements";
import { processSingleton } from "../process-singleton";

/**
 * Tells the receiver that endpoints changed (created, edited, disabled, token rotated,
 * deleted), so that it can keep endpoints in memory instead of querying for every
 * delivery. On globalThis: the API (Next's bundle) and the fast receiver share a process.
 * Other instances on one PostgreSQL database hear of it too (lib/db/queries/delivery-listener.ts).
 */
function emitter(): EventEmitter {
  return processSingleton("endpointChanges", () => new EventEmitter().setMaxListeners(0));
}

export function notifyEndpointsChanged() {
  emitter().emit("changed");
  announceEndpointsChanged();
}

/** Another instance changed endpoints (or this one may have missed it): forget, re-read. */
export function endpointsChangedElsewhere() {
  emitter().emit("changed");
}

export function onEndpointsChanged(listener: () => void): () => void {
  emitter().on("changed", listener);
  return () => emitter().off("changed", listener);
}
