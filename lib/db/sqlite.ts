import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile, getConfig } from "../config";
import { processSingleton } from "../process-singleton";
import { isPostgresUrl } from "./engine";

/**
 * The raw better-sqlite3 connection used by the hot paths (ingest, feed, stats) where
 * Prisma's per-query overhead would cost more than the query. One per process, shared
 * by the custom server and Next's bundle (processSingleton).
 */
export function openDatabase(file = databaseFile()): Database.Database {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  // WAL: readers never block the writer; NORMAL sync in WAL survives a killed process
  // (the WAL is in the OS cache before commit returns), which is what a crash test checks.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("cache_size = -65536");
  // Checkpoint every ~40 MB of WAL instead of ~4 MB: the index pages a busy ingest
  // rewrites in every commit are copied back once per checkpoint, not once per 4 MB.
  db.pragma("wal_autocheckpoint = 10000");
  return db;
}

/**
 * The SQLite handle of code not yet ported to the seam (lib/db/sql-query.ts). On a
 * PostgreSQL URL it refuses instead of opening a file named after the URL: whatever
 * reaches it there is a path the server should have answered not_on_postgresql.
 */
export function getDatabase(): Database.Database {
  return processSingleton("sqlite", () => {
    if (isPostgresUrl(getConfig().DATABASE_URL)) {
      throw new Error("This runs SQLite SQL, and DATABASE_URL names PostgreSQL (issue 14)");
    }
    return openDatabase();
  });
}
