import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * From the working directory, as `prisma migrate deploy` finds prisma.config.ts (SQLite's
 * migrations): the server runs from the checkout, and its bundle lives in .next/, so a path
 * from this file would not hold there.
 */
export const postgresMigrationsDir = () => path.resolve("prisma/postgres/migrations");

export type MigrationFile = {
  /** The folder name, e.g. 20261201184258_baseline: what _prisma_migrations calls it. */
  name: string;
  sql: string;
  /** sha256 (hex) of the file's bytes, as Prisma's `migrate deploy` computes it. */
  checksum: string;
};

/** The migrations in a folder, oldest first: each `<name>/migration.sql`, as Prisma lays them out. */
export function readMigrationFiles(dir = postgresMigrationsDir()): MigrationFile[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
      };
    });
}
