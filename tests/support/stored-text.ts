import Database from "better-sqlite3";
import pg from "pg";
import { decodeBytes } from "../../lib/storage/content-codec";
import { dictionaryLoader, seedDictionary } from "../../lib/storage/content-dictionary";
import type { DatabaseLocation } from "./engine-database";

type Row = Record<string, unknown>;

/** The text of every text and blob column of these rows, delivery contents decoded. */
function rowsText(
  tables: Array<[table: string, rows: Row[]]>,
  load: (id: number) => Buffer | null,
): string {
  const parts: string[] = [];
  const seed = seedDictionary();
  for (const [table, rows] of tables) {
    for (const row of rows) {
      if (table === "compression_dictionaries" && seed.equals(row.data as Buffer)) continue;
      for (const [column, value] of Object.entries(row)) {
        if (table === "delivery_contents" && (column === "body" || column === "headers")) {
          parts.push(decodeBytes(String(row.encoding), value as Buffer, load).toString("utf8"));
        } else if (Buffer.isBuffer(value)) parts.push(value.toString("utf8"));
        else if (typeof value === "string") parts.push(value);
      }
    }
  }
  return parts.join("\n");
}

/**
 * Everything a database file holds, as text: every text and blob column of every table,
 * with delivery contents decoded. For checking that a secret is stored nowhere; the
 * seed compression dictionary is left out (built from simulated deliveries); one learned
 * from the installation's own deliveries is not.
 */
export function storedText(databaseFile: string): string {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    return rowsText(
      tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).all() as Row[]]),
      dictionaryLoader(db),
    );
  } finally {
    db.close();
  }
}

/** The same of a PostgreSQL database: every table of its public schema (a tsvector as its
 *  text, a bytea as its bytes). */
export async function storedTextPostgres(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (
      await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      )
    ).rows.map((row) => row.name);
    const rows: Array<[string, Row[]]> = [];
    for (const table of tables)
      rows.push([table, (await client.query<Row>(`SELECT * FROM "${table}"`)).rows]);
    const dictionaries = new Map(
      (rows.find(([table]) => table === "compression_dictionaries")?.[1] ?? []).map((row) => [
        Number(row.id),
        row.data as Buffer,
      ]),
    );
    return rowsText(rows, (id) => dictionaries.get(id) ?? null);
  } finally {
    await client.end();
  }
}

/** What the database of `location` holds, as storedText gives it, on either engine. */
export function storedTextAt(location: DatabaseLocation): Promise<string> {
  return "file" in location
    ? Promise.resolve(storedText(location.file))
    : storedTextPostgres(location.url);
}

/** bigint (count(*), delivery ids) as a number, as lib/db/sql-query.ts reads it. */
const NUMBERS = {
  getTypeParser: (oid: number, format?: "text" | "binary"): ((text: string) => unknown) =>
    oid === 20 ? Number : (pg.types.getTypeParser(oid, format) as (text: string) => unknown),
};

/** Rows of a query that reads the same on both engines. */
export async function storedRows<T>(location: DatabaseLocation, sql: string): Promise<T[]> {
  if ("file" in location) {
    const db = new Database(location.file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: location.url, types: NUMBERS });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}
