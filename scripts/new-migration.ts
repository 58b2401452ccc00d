/**
 * Makes a new migration for both engines from the schema as of the last commit to the
 * working schema (`migrate dev` needs a shadow database the JS engine cannot give it):
 * prisma/migrations/<stamp>_<name> for SQLite, and prisma/postgres/migrations/<stamp>_<name>
 * for PostgreSQL from the two schemas' PostgreSQL renderings, which it writes to
 * prisma/postgres/schema.prisma too (lib/db/render-postgres-schema.ts, docs/cluster.md).
 * Usage: npm run db:new-migration -- <name>
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { POSTGRES_SCHEMA_PATH, renderPostgresSchema } from "../lib/db/render-postgres-schema";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name in snake_case>");
  process.exit(2);
}
const scratch = mkdtempSync(path.join(tmpdir(), "hooklens-"));
const previousSqlite = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], {
  encoding: "utf8",
});
const currentSqlite = readFileSync("prisma/schema.prisma", "utf8");
const previousPostgres = path.join(scratch, "postgres.prisma");
writeFileSync(path.join(scratch, "schema.prisma"), previousSqlite);
writeFileSync(previousPostgres, renderPostgresSchema(previousSqlite));
writeFileSync(POSTGRES_SCHEMA_PATH, renderPostgresSchema(currentSqlite));
console.log(`Wrote ${POSTGRES_SCHEMA_PATH}`);

function diff(from: string, to: string): string {
  const args = [
    "prisma",
    "migrate",
    "diff",
    "--from-schema-datamodel",
    from,
    "--to-schema-datamodel",
    to,
    "--script",
  ];
  const sql = execFileSync("npx", args, { encoding: "utf8" });
  return !sql.trim() || sql.includes("This is an empty migration") ? "" : sql;
}

const sqlite = diff(path.join(scratch, "schema.prisma"), "prisma/schema.prisma");
const postgres = diff(previousPostgres, POSTGRES_SCHEMA_PATH);
if (!sqlite && !postgres) {
  console.error("The schema has not changed since the last commit: nothing to migrate.");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const [root, sql] of [
  ["prisma/migrations", sqlite],
  ["prisma/postgres/migrations", postgres],
] as const) {
  if (!sql) {
    console.log(`No change for ${root}: nothing written there.`);
    continue;
  }
  const folder = path.join(root, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  console.log(`Wrote ${folder}/migration.sql`);
}
console.log(
  "Hand-written SQL (partial indexes, triggers, virtual tables) goes into both by hand: see docs/cluster.md.",
);
