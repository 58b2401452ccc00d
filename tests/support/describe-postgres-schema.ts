import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import pg from "pg";
import { ROOT } from "./start-server";

/**
 * A PostgreSQL database's schema as sorted lines, one per column, constraint, index,
 * sequence, trigger and function of the public schema, so that two databases compare
 * with a readable diff. Columns are listed by name, not position: a column added by a later
 * migration sits last in the table, where the rendered schema has it in its place.
 */
export type SchemaLine = { owner: string; text: string };

const QUERIES: Record<string, string> = {
  column: `SELECT table_name AS owner, column_name || ' ' || data_type
             || coalesce('(' || coalesce(character_maximum_length, datetime_precision) || ')', '')
             || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
             || coalesce(' default ' || column_default, '') AS text
             FROM information_schema.columns WHERE table_schema = 'public'`,
  constraint: `SELECT c.conrelid::regclass::text AS owner, c.conname || ' ' || pg_get_constraintdef(c.oid) AS text
                 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                WHERE n.nspname = 'public' AND c.conrelid <> 0`,
  index: `SELECT tablename AS owner, indexdef AS text FROM pg_indexes WHERE schemaname = 'public'`,
  sequence: `SELECT sequence_name AS owner, data_type AS text FROM information_schema.sequences
              WHERE sequence_schema = 'public'`,
  trigger: `SELECT t.tgname AS owner, pg_get_triggerdef(t.oid) AS text FROM pg_trigger t
              JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
  function: `SELECT p.proname AS owner, pg_get_functiondef(p.oid) AS text FROM pg_proc p
               JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`,
};

export async function describePostgresSchema(url: string): Promise<SchemaLine[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines: SchemaLine[] = [];
    for (const [kind, sql] of Object.entries(QUERIES)) {
      const { rows } = await client.query<SchemaLine>(sql);
      for (const row of rows) {
        const owner = row.owner.replace(/^"|"$/g, "");
        if (owner === "_prisma_migrations" || owner.startsWith("_prisma_migrations_")) continue;
        lines.push({ owner, text: `${kind} ${owner}: ${row.text}` });
      }
    }
    return lines.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  } finally {
    await client.end();
  }
}

/** Prisma's script from an empty database to a PostgreSQL schema file (the CLI on node, no npx). */
export function scriptFromEmpty(schemaFile: string): string {
  const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const args = ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schemaFile, "--script"];
  return execFileSync(process.execPath, [cli, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export async function runSql(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
