import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { unportedFeature } from "../../lib/db/postgres-coverage";
import { freshDatabase } from "./start-postgres";
import { startServer, type RunningServer } from "./start-server";

type StartOptions = NonNullable<Parameters<typeof startServer>[0]>;

/** Where a test's own database is: a SQLite file, or a PostgreSQL database's URL. */
export type DatabaseLocation = { file: string } | { url: string };

export type EngineDatabase = {
  location: DatabaseLocation;
  /** startServer's options for a server on it, over `options` (as often as the test restarts one). */
  on: (options?: StartOptions) => StartOptions;
};

/**
 * An empty database of the project's engine (`inject("engine")`) for a test whose servers
 * need one of their own (a restart on the same data, settings of their own): a SQLite file
 * in a temp folder, or a database of its own on the run's PostgreSQL, served with
 * HOOKLENS_POSTGRES_UNFINISHED=1 as the project's servers are.
 */
export async function engineDatabase(label: string): Promise<EngineDatabase> {
  if (inject("engine") === "sqlite") {
    const file = path.join(mkdtempSync(path.join(tmpdir(), `hooklens-${label}-`)), "hooklens.db");
    return { location: { file }, on: (options = {}) => ({ ...options, databaseFile: file }) };
  }
  const url = await freshDatabase(inject("postgresUrl"), label.replaceAll("-", "_"));
  const env = { DATABASE_URL: url, HOOKLENS_POSTGRES_UNFINISHED: "1" };
  return {
    location: { url },
    on: (options = {}) => ({ ...options, env: { ...env, ...options.env } }),
  };
}

/** startServer (or `start`, serversPerTest's) on a new database of the project's engine. */
export async function startOnEngine(
  options: StartOptions = {},
  start: (options: StartOptions) => Promise<RunningServer> = startServer,
): Promise<RunningServer & { location: DatabaseLocation }> {
  const database = await engineDatabase("server");
  return { ...(await start(database.on(options))), location: database.location };
}

/** Whether the server of the project's engine serves this API path: on PostgreSQL, only
 *  what is ported so far (lib/db/postgres-coverage.ts), for a test of a domain still to come. */
export const servesPath = (apiPath: string) =>
  inject("engine") === "sqlite" || unportedFeature(apiPath) === null;
