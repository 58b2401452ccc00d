import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** An in-memory database with every migration applied, for unit tests of SQL code. */
export function migratedMemoryDatabase(): Database.Database {
  const db = new Database(":memory:");
  db.pragma("foreign_keys = ON");
  return applySqliteMigrationFiles(db);
}

/** Runs every SQLite migration's SQL on `db`, as the tests' stand-in for `migrate deploy`. */
export function applySqliteMigrationFiles(db: Database.Database): Database.Database {
  const root = path.resolve(import.meta.dirname, "../../prisma/migrations");
  for (const folder of readdirSync(root)
    .filter((name) => /^\d/.test(name))
    .sort()) {
    db.exec(readFileSync(path.join(root, folder, "migration.sql"), "utf8"));
  }
  return db;
}
