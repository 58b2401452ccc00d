import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { applyPostgresMigrations } from "../../lib/db/apply-postgres-migrations";
import {
  closeConnection,
  openConnection,
  replaceConnection,
  type Connection,
} from "../../lib/db/connection";
import type { Engine } from "../../lib/db/engine";
import { applySqliteMigrationFiles } from "../../lib/db/migrated-memory-db";
import { openDatabase } from "../../lib/db/sqlite";
import { forgetDecoders } from "../../lib/storage/content-codec";
import { freshDatabase } from "./start-postgres";

/** The engines every data-layer test runs on, as `describe.each(ENGINES)` takes them. */
export const ENGINES: Engine[] = ["sqlite", "postgresql"];

/**
 * A migrated, empty database of `engine` made the process's connection (lib/db/connection.ts),
 * so that the queries and Prisma under test run on it: a SQLite file in a temp folder, or a
 * database of its own on the run's throwaway PostgreSQL (tests/postgres/global-setup.ts).
 */
export async function openFreshDatabase(
  engine: Engine,
  label: string,
): Promise<{
  connection: Connection;
  close: () => Promise<void>;
}> {
  let connection: Connection;
  let cleanup = () => undefined as void;
  if (engine === "sqlite") {
    const folder = mkdtempSync(path.join(tmpdir(), "hooklens-queries-"));
    const file = path.join(folder, "hooklens.db");
    const db = applySqliteMigrationFiles(openDatabase(file));
    connection = openConnection(`file:${file}`, db);
    cleanup = () => {
      db.close();
      rmSync(folder, { recursive: true, force: true });
    };
  } else {
    const url = await freshDatabase(inject("postgresUrl"), label);
    await applyPostgresMigrations({ databaseUrl: url });
    connection = openConnection(url);
  }
  replaceConnection(connection);
  // Another database's "zstd:<id>" may name another dictionary.
  forgetDecoders();
  return {
    connection,
    close: async () => {
      await closeConnection(connection);
      cleanup();
    },
  };
}
