import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrationFiles } from "../../lib/db/postgres-migration-files";
import { ROOT, startServer } from "../support/start-server";
import { startPostgres, type RunningPostgres } from "../support/start-postgres";

/**
 * A PostgreSQL DATABASE_URL: the server prepares the database (migrations, under the
 * advisory lock) and then refuses to serve, naming what does not run on PostgreSQL yet,
 * instead of taking the URL for a SQLite file path, unless HOOKLENS_POSTGRES_UNFINISHED=1.
 */
let postgres: RunningPostgres;

beforeAll(async () => {
  postgres = await startPostgres();
});

afterAll(() => postgres?.stop());

async function appliedMigrations(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY 1',
    );
    return rows.map((row) => row.migration_name);
  } finally {
    await client.end();
  }
}

const names = readMigrationFiles(path.join(ROOT, "prisma/postgres/migrations")).map(
  (file) => file.name,
);

describe("a server started on a PostgreSQL DATABASE_URL", () => {
  it("applies the PostgreSQL migrations, once, when two instances start together, then says it cannot serve", async () => {
    const url = await postgres.createDatabase("server_start");
    const starts = await Promise.allSettled([
      startServer({ env: { DATABASE_URL: url } }),
      startServer({ env: { DATABASE_URL: url } }),
    ]);
    // A server that did start (the bug this covers) must not outlive the test.
    for (const start of starts) if (start.status === "fulfilled") await start.value.stop();
    for (const start of starts) {
      expect(start.status).toBe("rejected");
      const reason = start.status === "rejected" ? String(start.reason) : "";
      expect(reason).toMatch(/server exited with 1/);
      expect(reason).toContain(
        "DATABASE_URL names a PostgreSQL database, and its migrations are applied, but Hooklens cannot serve on PostgreSQL yet",
      );
      // The URL (it may hold a password) is never printed.
      expect(reason).not.toContain(url);
    }
    const said = starts.map((start) => (start.status === "rejected" ? String(start.reason) : ""));
    expect(said.filter((text) => text.includes("PostgreSQL migrations applied: "))).toHaveLength(1);
    expect(said.filter((text) => text.includes("the database is up to date"))).toHaveLength(1);
    expect(await appliedMigrations(url)).toEqual(names);
    // Not taken for a SQLite file path (which made a `postgresql:` folder in the checkout).
    expect(existsSync(path.join(ROOT, "postgresql:"))).toBe(false);
  });

  it("with HOOKLENS_SKIP_MIGRATE=1 leaves the database alone and still refuses", async () => {
    const url = await postgres.createDatabase("server_skip");
    const start = startServer({ env: { DATABASE_URL: url, HOOKLENS_SKIP_MIGRATE: "1" } });
    const started = await start.catch(() => null);
    await started?.stop();
    await expect(start).rejects.toThrow(
      /DATABASE_URL names a PostgreSQL database, but Hooklens cannot serve/,
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    await client.end();
    expect(rows).toEqual([]);
  });

  it("without HOOKLENS_ADMIN_TOKEN refuses before it touches the database", async () => {
    const url = await postgres.createDatabase("server_no_token");
    const start = startServer({ env: { DATABASE_URL: url, HOOKLENS_ADMIN_TOKEN: "" } });
    const started = await start.catch(() => null);
    await started?.stop();
    await expect(start).rejects.toThrow(/cluster mode\), which needs HOOKLENS_ADMIN_TOKEN/);
    expect(await appliedMigrations(url).catch((error: Error) => error.message)).toMatch(
      /relation "_prisma_migrations" does not exist/,
    );
  });

  it("with HOOKLENS_POSTGRES_UNFINISHED=1 serves what is ported and says in its log what is not", async () => {
    const url = await postgres.createDatabase("server_unfinished");
    const server = await startServer({
      env: { DATABASE_URL: url, HOOKLENS_POSTGRES_UNFINISHED: "1" },
    });
    try {
      const log = server.output();
      expect(log).toContain("> PostgreSQL, UNFINISHED (HOOKLENS_POSTGRES_UNFINISHED=1");
      expect(log).toMatch(/Not on PostgreSQL yet, answered 503 not_on_postgresql or not running: /);
      expect(log).toContain("serving the receiver (a re-send is recognised");
      expect(log).toContain("Created the default endpoint.");
      expect(log).not.toContain(url);
      const token = /Receiver URL: \S+\/api\/hooks\/(\S+)/.exec(log)?.[1];
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query("SELECT name, token FROM endpoints");
      await client.end();
      expect(rows).toEqual([{ name: "default", token }]);
    } finally {
      await server.stop();
    }
  });
});
