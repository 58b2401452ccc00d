import type Database from "better-sqlite3";
import pg from "pg";
import { getConfig } from "../config";
import { processSingleton } from "../process-singleton";
import { engineOf } from "./engine";
import { getDatabase } from "./sqlite";

/**
 * The process's database connection, of either engine, as the data layer's seam sees it:
 * lib/db/sql-query.ts runs each statement's text for `engine`, lib/db/prisma.ts builds
 * the matching Prisma client. Nothing outside lib/db looks inside (STYLE.md).
 */
export type Connection =
  | { engine: "sqlite"; url: string; sqlite: Database.Database }
  | { engine: "postgresql"; url: string; pool: pg.Pool };

/** Connections a PostgreSQL instance holds at most (raw SQL and Prisma share the pool). */
const POOL_SIZE = 10;

/** Opens a connection to `url`: SQLite through lib/db/sqlite.ts's settings, PostgreSQL as a pool. */
export function openConnection(url: string, sqlite?: Database.Database): Connection {
  if (engineOf(url) === "sqlite") {
    if (!sqlite) throw new Error("openConnection: a SQLite connection needs its database handle");
    return { engine: "sqlite", url, sqlite };
  }
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  // An idle client's error (the server restarted, a connection was killed) must not end
  // the process; the next query takes a fresh client and fails or succeeds on its own.
  pool.on("error", () => undefined);
  return { engine: "postgresql", url, pool };
}

const KEY = "dbConnection";

/** The connection DATABASE_URL names, opened on first use and shared by server.ts and Next's bundle. */
export function connection(): Connection {
  return (processSingleton<{ current: Connection | null }>(KEY, () => ({
    current: null,
  })).current ??= (() => {
    const url = getConfig().DATABASE_URL;
    return engineOf(url) === "sqlite" ? openConnection(url, getDatabase()) : openConnection(url);
  })());
}

/** Replaces the process's connection: for tests of the queries on both engines. */
export function replaceConnection(next: Connection): void {
  processSingleton<{ current: Connection | null }>(KEY, () => ({ current: null })).current = next;
}

/** Closes a PostgreSQL pool (SQLite's handle belongs to lib/db/sqlite.ts). */
export async function closeConnection(closing: Connection): Promise<void> {
  if (closing.engine === "postgresql") await closing.pool.end();
}
