import type Database from "better-sqlite3";

const HOUR_MS = 3_600_000;

/**
 * Keeps SQLite's query-planner statistics current, as SQLite recommends for long-lived
 * connections: without them the planner cannot tell that `resource_type = 'server'`
 * matches a third of a million rows and `kind = 'unparsed'` almost none, and picks
 * indexes that make it sort. analysis_limit bounds each ANALYZE to a sample, so a run
 * costs milliseconds whatever the table size.
 */
export function keepStatistics(db: Database.Database, everyMs = HOUR_MS) {
  db.pragma("analysis_limit = 1000");
  const optimize = () => {
    try {
      db.pragma("optimize");
    } catch (error) {
      console.error("PRAGMA optimize failed", error);
    }
  };
  // 0x10002: also analyze tables that were never analyzed (a fresh or upgraded file).
  db.pragma("optimize = 0x10002");
  const timer = setInterval(optimize, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
