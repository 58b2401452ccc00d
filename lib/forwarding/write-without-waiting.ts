import type Database from "better-sqlite3";

/** How soon a write that found the lock taken tries again. */
export const LOCK_RETRY_MS = 5;

/** Another connection holds the write lock (the payload index's worker writes on its own:
 *  lib/search), or wrote after this connection's read began (a stale snapshot). */
export function lockBusy(error: unknown): boolean {
  return (
    error instanceof Error &&
    "code" in error &&
    typeof error.code === "string" &&
    error.code.startsWith("SQLITE_BUSY")
  );
}

/** The connection's own busy_timeout, read once: db.pragma prepares its statement on
 *  every call (1.3 µs per delivery in issue 15's profile, for a value that never changes). */
const timeouts = new WeakMap<Database.Database, number>();
function busyTimeout(db: Database.Database): number {
  let timeout = timeouts.get(db);
  if (timeout === undefined) {
    timeout = db.pragma("busy_timeout", { simple: true }) as number;
    timeouts.set(db, timeout);
  }
  return timeout;
}

/**
 * Runs a write transaction that takes the write lock first (BEGIN IMMEDIATE) and never
 * waits for it on the event loop: with the lock taken it throws at once (`lockBusy`), and
 * the caller tries again later, as the delivery writer does (lib/ingest/delivery-writer.ts).
 * SQLite's busy handler would sleep the receiver's loop for up to the other's whole
 * transaction, and a deferred transaction that read first fails anyway when the other
 * commits (SQLITE_BUSY_SNAPSHOT), which stopped the sender for good (issue 15).
 */
export function writeWithoutWaiting<A extends unknown[], R>(
  db: Database.Database,
  transaction: Database.Transaction<(...args: A) => R>,
  ...args: A
): R {
  const timeout = busyTimeout(db);
  db.exec("PRAGMA busy_timeout = 0");
  try {
    return transaction.immediate(...args);
  } finally {
    db.exec(`PRAGMA busy_timeout = ${timeout}`);
  }
}
