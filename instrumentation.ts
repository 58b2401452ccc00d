/**
 * Runs once when Next's server starts, before it serves (Next's instrumentation file),
 * inside Next's bundle, where the domains' server-only code loads (server.ts, the custom
 * server, cannot import it). It starts what must run on every instance from the start
 * rather than on a first request: the look-out for bulk replays to take over across
 * instances (lib/replay/bulk-takeover.ts; nothing on SQLite).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBulkReplayTakeover } = await import("./lib/replay/bulk-takeover");
  startBulkReplayTakeover();
}
