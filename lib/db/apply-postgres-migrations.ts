import { randomUUID } from "node:crypto";
import pg from "pg";
import { readMigrationFiles, type MigrationFile } from "./postgres-migration-files";

/**
 * Applies pending PostgreSQL migrations (prisma/postgres/migrations). Hooklens runs its own
 * runner because `prisma migrate deploy` fails through the JS engine's pg adapter on this
 * stack ("Column type 'name' could not be deserialized", prisma/orm#27403).
 *
 * - Several instances may start at once: the whole run holds a session advisory lock, so one
 *   applies and the others wait, then find nothing left to do.
 * - One transaction per migration (PostgreSQL DDL is transactional): a migration that fails
 *   leaves nothing of itself behind and no row, and the next start tries it again. So a
 *   migration must not manage transactions itself (no BEGIN/COMMIT, no CREATE INDEX
 *   CONCURRENTLY).
 * - The bookkeeping table is Prisma's `_prisma_migrations`, filled as `migrate deploy` fills
 *   it (sha256 checksum of the file, one step per migration), so that `migrate deploy` can
 *   take over once the adapter bug is fixed.
 * - An applied migration whose file has changed stops the start: the database no longer
 *   matches what the files say, and guessing would be worse than asking.
 */

/** pg_advisory_lock key: "hooklens" spelt in ASCII, held for the run's whole session. */
export const MIGRATION_LOCK_KEY = 0x686f6f6b6c656e73n;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

export type MigrationRun = {
  /** The migrations this run applied, oldest first. */
  applied: string[];
  /** Migrations the database has that these files do not (a newer Hooklens applied them). */
  unknown: string[];
};

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null };

function refuseChanged(files: MigrationFile[], rows: AppliedRow[]) {
  const byName = new Map(files.map((file) => [file.name, file]));
  const unfinished = rows
    .filter((row) => row.finished_at === null)
    .map((row) => row.migration_name);
  if (unfinished.length > 0) {
    throw new MigrationError(
      `PostgreSQL migration ${unfinished.join(", ")} is recorded as started and not finished ` +
        "(left by another tool): check the database by hand, then delete that _prisma_migrations row.",
    );
  }
  const changed = rows
    .filter((row) => byName.has(row.migration_name))
    .filter((row) => byName.get(row.migration_name)!.checksum !== row.checksum)
    .map((row) => row.migration_name);
  if (changed.length > 0) {
    throw new MigrationError(
      `PostgreSQL migration ${changed.join(", ")} was changed after it was applied ` +
        "(its sha256 differs from the one recorded in _prisma_migrations). Put the applied " +
        "file back and add a new migration for the change.",
    );
  }
}

async function applyOne(client: pg.Client, file: MigrationFile) {
  const startedAt = new Date();
  await client.query("BEGIN");
  try {
    await client.query(file.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations"
         ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
       VALUES ($1, $2, now(), $3, $4, 1)`,
      [randomUUID(), file.checksum, file.name, startedAt],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `PostgreSQL migration ${file.name} failed and was rolled back (nothing of it applied): ${reason}`,
      { cause: error },
    );
  }
}

export async function applyPostgresMigrations(options: {
  databaseUrl: string;
  /** Defaults to prisma/postgres/migrations. */
  dir?: string;
}): Promise<MigrationRun> {
  const files = readMigrationFiles(options.dir);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  // A connection lost mid-run fails the pending query, which is what reports it; unheard,
  // the client's 'error' event would end the process instead.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations"
        WHERE "rolled_back_at" IS NULL`,
    );
    refuseChanged(files, rows);
    const done = new Set(rows.map((row) => row.migration_name));
    const known = new Set(files.map((file) => file.name));
    const applied: string[] = [];
    for (const file of files.filter((candidate) => !done.has(candidate.name))) {
      await applyOne(client, file);
      applied.push(file.name);
    }
    return { applied, unknown: [...done].filter((name) => !known.has(name)).sort() };
  } finally {
    // Ending the session releases the advisory lock too; unlocking first frees the next
    // instance without waiting for the connection to close.
    await client
      .query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()])
      .catch(() => undefined);
    await client.end();
  }
}
