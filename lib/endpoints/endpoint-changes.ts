import { EventEmitter } from "node:events";

/**
 * Tells the receiver that endpoints changed (created, edited, disabled, token rotated,
 * deleted), so that it can keep endpoints in memory instead of querying for every
 * delivery. On globalThis: the API (Next's bundle) and the fast receiver share a process.
 */
const KEY = Symbol.for("hooklens.endpointChanges");
type Holder = { [KEY]?: EventEmitter };

function emitter(): EventEmitter {
  const holder = globalThis as Holder;
  holder[KEY] ??= new EventEmitter().setMaxListeners(0);
  return holder[KEY];
}

export function notifyEndpointsChanged() {
  emitter().emit("changed");
}

export function onEndpointsChanged(listener: () => void): () => void {
  emitter().on("changed", listener);
  return () => emitter().off("changed", listener);
}
