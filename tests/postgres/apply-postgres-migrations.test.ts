import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import {
  applyPostgresMigrations,
  MIGRATION_LOCK_KEY,
  MigrationError,
} from "../../lib/db/apply-postgres-migrations";
import { readMigrationFiles } from "../../lib/db/postgres-migration-files";
import { freshDatabase } from "../support/start-postgres";

const REAL_MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/postgres/migrations");
const folders: string[] = [];
const clients: pg.Client[] = [];

afterEach(async () => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  await Promise.all(clients.splice(0).map((client) => client.end()));
});

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

/** A migrations folder of our own: name → SQL. */
function migrations(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "hooklens-migrations-"));
  folders.push(dir);
  const write = (name: string, sql: string) => {
    mkdirSync(path.join(dir, name), { recursive: true });
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  };
  for (const [name, sql] of Object.entries(files)) write(name, sql);
  return {
    dir,
    write,
    remove: (name: string) => rmSync(path.join(dir, name), { recursive: true }),
  };
}

const tables = async (client: pg.Client) =>
  (
    await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
  ).rows.map((row) => row.name);

const appliedNames = async (client: pg.Client) =>
  (
    await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name',
    )
  ).rows.map((row) => row.migration_name);

/** Waits until `count` sessions wait for a lock of this type (a runner is provably blocked). */
async function waitForLockWaiters(client: pg.Client, locktype: string, count: number) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_locks WHERE locktype = $1 AND NOT granted",
      [locktype],
    );
    if (rows.length === count) return rows.map((row) => row.pid);
    if (Date.now() > deadline)
      throw new Error(`${rows.length} sessions wait for a ${locktype} lock, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("applyPostgresMigrations", () => {
  it("applies the checked-in migrations to an empty database and records them as Prisma does", async () => {
    const url = await freshDatabase(inject("postgresUrl"), "fresh");
    const run = await applyPostgresMigrations({ databaseUrl: url, dir: REAL_MIGRATIONS });
    expect(run.applied[0]).toBe("20261201184258_baseline");
    expect(run.unknown).toEqual([]);
    const client = await connect(url);
    expect(await tables(client)).toEqual(
      expect.arrayContaining(["deliveries", "endpoints", "search_index"]),
    );
    const { rows } = await client.query(
      `SELECT checksum, finished_at, rolled_back_at, logs, started_at, applied_steps_count
         FROM "_prisma_migrations" WHERE migration_name = '20261201184258_baseline'`,
    );
    const file = readFileSync(path.join(REAL_MIGRATIONS, "20261201184258_baseline/migration.sql"));
    expect(rows).toEqual([
      {
        checksum: createHash("sha256").update(file).digest("hex"),
        finished_at: expect.any(Date),
        rolled_back_at: null,
        logs: null,
        started_at: expect.any(Date),
        applied_steps_count: 1,
      },
    ]);
  });

  it("does nothing when every migration is applied already", async () => {
    const url = await freshDatabase(inject("postgresUrl"), "again");
    await applyPostgresMigrations({ databaseUrl: url, dir: REAL_MIGRATIONS });
    const again = await applyPostgresMigrations({ databaseUrl: url, dir: REAL_MIGRATIONS });
    expect(again).toEqual({ applied: [], unknown: [] });
    const client = await connect(url);
    const { rows } = await client.query<{ count: string }>(
      'SELECT count(*) FROM "_prisma_migrations"',
    );
    expect(rows[0]!.count).toBe(String(readMigrationFiles(REAL_MIGRATIONS).length));
  });

  it("applies each migration once when two instances start at the same moment", async () => {
    const url = await freshDatabase(inject("postgresUrl"), "race");
    // CREATE TABLE without IF NOT EXISTS: a second application would fail.
    const { dir } = migrations({
      "001_a": "CREATE TABLE a (id integer PRIMARY KEY);",
      "002_b": "CREATE TABLE b (id integer PRIMARY KEY);",
      "003_c": "CREATE TABLE c (id integer PRIMARY KEY);",
    });
    // Hold the lock so that both runners are provably waiting before either may go.
    const holder = await connect(url);
    await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    const runs = Promise.all([
      applyPostgresMigrations({ databaseUrl: url, dir }),
      applyPostgresMigrations({ databaseUrl: url, dir }),
    ]);
    await waitForLockWaiters(holder, "advisory", 2);
    await holder.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()]);
    const [first, second] = await runs;
    expect([...first.applied, ...second.applied].sort()).toEqual(["001_a", "002_b", "003_c"]);
    expect([first.applied.length, second.applied.length].sort()).toEqual([0, 3]);
    expect(await appliedNames(holder)).toEqual(["001_a", "002_b", "003_c"]);
  });

  it("leaves nothing of a failing migration behind, and applies it once it is fixed", async () => {
    const url = await freshDatabase(inject("postgresUrl"), "failing");
    const folder = migrations({
      "001_a": "CREATE TABLE a (id integer PRIMARY KEY);",
      "002_b":
        "CREATE TABLE b (id integer PRIMARY KEY);\nINSERT INTO b SELECT id FROM no_such_table;",
      "003_c": "CREATE TABLE c (id integer PRIMARY KEY);",
    });
    const failed = applyPostgresMigrations({ databaseUrl: url, dir: folder.dir });
    await expect(failed).rejects.toThrow(MigrationError);
    await expect(failed).rejects.toThrow(
      /migration 002_b failed and was rolled back .*relation "no_such_table" does not exist/,
    );
    const client = await connect(url);
    expect(await tables(client)).toEqual(["_prisma_migrations", "a"]);
    expect(await appliedNames(client)).toEqual(["001_a"]);

    folder.write("002_b", "CREATE TABLE b (id integer PRIMARY KEY);");
    const fixed = await applyPostgresMigrations({ databaseUrl: url, dir: folder.dir });
    expect(fixed.applied).toEqual(["002_b", "003_c"]);
    expect(await tables(client)).toEqual(["_prisma_migrations", "a", "b", "c"]);
  });

  it("keeps a migration and its record together when the start dies between them", async () => {
    const url = await freshDatabase(inject("postgresUrl"), "killed");
    const folder = migrations({});
    await applyPostgresMigrations({ databaseUrl: url, dir: folder.dir });
    folder.write("001_a", "CREATE TABLE a (id integer PRIMARY KEY);");
    // Reads pass, the record's INSERT waits: the runner stops right after the migration ran.
    const holder = await connect(url);
    await holder.query('BEGIN; LOCK TABLE "_prisma_migrations" IN EXCLUSIVE MODE');
    const run = applyPostgresMigrations({ databaseUrl: url, dir: folder.dir });
    const [runner] = await waitForLockWaiters(holder, "relation", 1);
    const observer = await connect(url);
    expect(await tables(observer)).toEqual(["_prisma_migrations"]);
    await holder.query("SELECT pg_terminate_backend($1)", [runner]);
    await expect(run).rejects.toThrow(/migration 001_a failed and was rolled back/);
    await holder.query("COMMIT");
    expect(await tables(observer)).toEqual(["_prisma_migrations"]);
    expect(await applyPostgresMigrations({ databaseUrl: url, dir: folder.dir })).toEqual({
      applied: ["001_a"],
      unknown: [],
    });
  });

  it("refuses to start when an applied migration's file has changed, applying nothing", async () => {
    const url = await freshDatabase(inject("postgresUrl"), "changed");
    const folder = migrations({ "001_a": "CREATE TABLE a (id integer PRIMARY KEY);" });
    await applyPostgresMigrations({ databaseUrl: url, dir: folder.dir });
    folder.write("001_a", "CREATE TABLE a (id integer PRIMARY KEY, name text);");
    folder.write("002_b", "CREATE TABLE b (id integer PRIMARY KEY);");
    await expect(applyPostgresMigrations({ databaseUrl: url, dir: folder.dir })).rejects.toThrow(
      /migration 001_a was changed after it was applied \(its sha256 differs/,
    );
    const client = await connect(url);
    expect(await tables(client)).toEqual(["_prisma_migrations", "a"]);
  });

  it("reports the migrations a newer version applied that these files do not have", async () => {
    const url = await freshDatabase(inject("postgresUrl"), "unknown");
    const folder = migrations({
      "001_a": "CREATE TABLE a (id integer PRIMARY KEY);",
      "002_b": "CREATE TABLE b (id integer PRIMARY KEY);",
    });
    await applyPostgresMigrations({ databaseUrl: url, dir: folder.dir });
    folder.remove("002_b");
    expect(await applyPostgresMigrations({ databaseUrl: url, dir: folder.dir })).toEqual({
      applied: [],
      unknown: ["002_b"],
    });
  });
});
