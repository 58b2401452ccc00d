import pg from "pg";
import { applyPostgresMigrations } from "./apply-postgres-migrations";
import { postgresStatisticsWarning } from "./keep-statistics";
import { PORTED_SUMMARY, UNPORTED_FEATURES, UNPORTED_JOBS } from "./postgres-coverage";

const unportedList = () =>
  [
    ...UNPORTED_FEATURES.map((entry) => `${entry.feature} (${entry.prefix})`),
    ...UNPORTED_JOBS,
  ].join(", ");

/**
 * What the server does with a PostgreSQL DATABASE_URL today. It needs HOOKLENS_ADMIN_TOKEN
 * (a generated token would be kept on one machine, and every instance must check the same
 * one, which is also what makes a session made on one valid on all). It applies the
 * PostgreSQL migrations (under the runner's advisory lock, so several instances may start
 * at once). Then, since only part of Hooklens runs on PostgreSQL (issue 14), it stops with
 * a message naming what does not, unless HOOKLENS_POSTGRES_UNFINISHED=1 asks to serve the
 * ported part anyway, for development; it answers the start log's lines for that case,
 * with a warning when autovacuum cannot keep the planner's statistics (keep-statistics.ts).
 * Never prints the URL (it may hold a password).
 */
export async function preparePostgresDatabase(options: {
  databaseUrl: string;
  skipMigrate: boolean;
  adminTokenSet: boolean;
  unfinished: boolean;
  log?: (line: string) => void;
}): Promise<string[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (!options.adminTokenSet) {
    throw new Error(
      "DATABASE_URL names a PostgreSQL database (cluster mode), which needs HOOKLENS_ADMIN_TOKEN: " +
        "every instance must check the same admin token, and a generated one would be kept on one machine.",
    );
  }
  if (!options.skipMigrate) {
    const run = await applyPostgresMigrations({ databaseUrl: options.databaseUrl });
    log(
      run.applied.length > 0
        ? `PostgreSQL migrations applied: ${run.applied.join(", ")}`
        : "PostgreSQL migrations: the database is up to date",
    );
    if (run.unknown.length > 0) {
      log(`The database has migrations this version does not know: ${run.unknown.join(", ")}`);
    }
  }
  if (!options.unfinished) {
    throw new Error(
      "DATABASE_URL names a PostgreSQL database" +
        (options.skipMigrate ? "" : ", and its migrations are applied") +
        ", but Hooklens cannot serve on PostgreSQL yet: " +
        `${unportedList()} still run SQLite SQL (issue 14; docs/cluster.md says what is done). ` +
        "Use a SQLite file URL instead (the default is file:./data/hooklens.db). " +
        "HOOKLENS_POSTGRES_UNFINISHED=1 serves the ported part, for development.",
    );
  }
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const statistics = await postgresStatisticsWarning(client).finally(() => client.end());
  return [
    ...(statistics ? [statistics] : []),
    `> PostgreSQL, UNFINISHED (HOOKLENS_POSTGRES_UNFINISHED=1, for development): serving ${PORTED_SUMMARY}.`,
    `> Not on PostgreSQL yet, answered 503 not_on_postgresql or not running: ${unportedList()}.`,
  ];
}
