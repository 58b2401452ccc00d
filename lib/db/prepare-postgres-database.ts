import { applyPostgresMigrations } from "./apply-postgres-migrations";

/** postgres:// and postgresql:// are PostgreSQL's URL schemes; anything else is a SQLite file. */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/**
 * What the server does with a PostgreSQL DATABASE_URL today: it applies the PostgreSQL
 * migrations (under the runner's advisory lock, so several instances may start at once),
 * then stops with a message saying why, because every feature's queries are still SQLite
 * SQL (issue 14). Serving anyway would fail on the first delivery; refusing at start, after
 * the database is ready, is the honest half-way point. Never prints the URL (a password).
 */
export async function preparePostgresDatabase(options: {
  databaseUrl: string;
  skipMigrate: boolean;
  log?: (line: string) => void;
}): Promise<never> {
  const log = options.log ?? ((line: string) => console.log(line));
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
  throw new Error(
    "DATABASE_URL names a PostgreSQL database" +
      (options.skipMigrate ? "" : ", and its migrations are applied") +
      ", but Hooklens cannot serve on PostgreSQL yet: the receiver, feed, stream, facets, " +
      "export, timelines, field changes, endpoints, replays, stats, search, forwarding and " +
      "retention still run SQLite SQL (issue 14; docs/cluster.md says what is done). " +
      "Use a SQLite file URL instead (the default is file:./data/hooklens.db).",
  );
}
