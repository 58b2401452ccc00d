import type Database from "better-sqlite3";
import type pg from "pg";

const HOUR_MS = 3_600_000;

/**
 * Keeps SQLite's query-planner statistics current (on SQLite; PostgreSQL's are below), as SQLite recommends for long-lived
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

/**
 * On PostgreSQL the planner's statistics are the database server's own work: autovacuum's
 * autoanalyze runs ANALYZE on a table once about a tenth of it (and 50 rows) changed, on
 * the server, once for all the instances, so Hooklens runs nothing there (a job under a
 * lock would only repeat it). What it checks at start is that autovacuum can: with
 * `autovacuum` or `track_counts` off, or autovacuum turned off on one of its tables,
 * nothing keeps them, and this answers the start log's line that says so (else null).
 */
export async function postgresStatisticsWarning(client: pg.ClientBase): Promise<string | null> {
  const { rows } = await client.query<{ autovacuum: string; counts: string; off: string | null }>(
    `SELECT current_setting('autovacuum') AS autovacuum, current_setting('track_counts') AS counts,
       (SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' AND EXISTS (
          SELECT 1 FROM unnest(c.reloptions) AS option
          WHERE lower(option) IN ('autovacuum_enabled=false', 'autovacuum_enabled=off',
            'autovacuum_enabled=0', 'autovacuum_enabled=no'))) AS off`,
  );
  const { autovacuum, counts, off } = rows[0]!;
  const why =
    autovacuum !== "on"
      ? "autovacuum is off"
      : counts !== "on"
        ? "track_counts is off (autovacuum needs it)"
        : off
          ? `autovacuum is off on ${off}`
          : null;
  return why
    ? `> PostgreSQL: ${why}, so nothing keeps the planner's statistics current: run ANALYZE regularly (docs/cluster.md, "The planner's statistics").`
    : null;
}
