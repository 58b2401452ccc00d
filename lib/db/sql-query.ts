import type Database from "better-sqlite3";
import pg from "pg";
import { cachedStatement } from "./cached-statement";
import { connection } from "./connection";
import { postgresText } from "./queries/dialect";

/**
 * One statement written once per dialect, behind one async function (STYLE.md, "The data
 * layer"). Both texts take the same parameters in the same order (`?` in SQLite, `$1…` in
 * PostgreSQL) and answer rows of the same shape: the PostgreSQL text converts what the
 * engines hold differently (times as Unix ms, booleans as 0/1, counts as numbers), and the
 * tests in tests/postgres/ run every query on both engines against the same expectations.
 */
export type DialectSql = { sqlite: string; postgresql: string };

/**
 * PostgreSQL answers bigint (count(*), sum(), bigint ids) as text, since it may not fit a
 * JavaScript number; Hooklens's never leave the safe range (ids are 32-bit there), so
 * they come back as numbers, as SQLite's do, and a value that would not fit throws.
 */
const INT8 = 20;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`bigint ${text} does not fit a number`);
  return value;
}

const types: { getTypeParser: typeof pg.types.getTypeParser } = {
  getTypeParser: (oid: number, format?: "text" | "binary"): ((text: string) => unknown) =>
    oid === INT8 ? parseInt8 : (pg.types.getTypeParser(oid, format) as (text: string) => unknown),
};

/** Parameters as PostgreSQL's text can take them: a filter or a search may carry U+0000,
 *  which it cannot hold (queries/dialect.ts, postgresText), alone or in an array. */
function postgresValues(values: unknown[]): unknown[] {
  return values.map((value) =>
    Array.isArray(value) ? value.map(postgresText) : postgresText(value),
  );
}

async function postgresRows<Row>(pool: pg.Pool, text: string, values: unknown[]) {
  const result = await pool.query({ text, values: postgresValues(values), types });
  return { rows: result.rows as Row[], changes: result.rowCount ?? 0 };
}

const sqliteStatement = (db: Database.Database, text: string) => cachedStatement(db, text);

export function sqlQuery<Row, Params extends unknown[] = unknown[]>(sql: DialectSql) {
  return {
    /** Both texts, for a SQLite hot path that runs its text synchronously (cachedStatement). */
    sql,
    /** Every row. */
    async all(...params: Params): Promise<Row[]> {
      const db = connection();
      if (db.engine === "sqlite")
        return sqliteStatement(db.sqlite, sql.sqlite).all(...params) as Row[];
      return (await postgresRows<Row>(db.pool, sql.postgresql, params)).rows;
    },
    /** The first row, or undefined. */
    async get(...params: Params): Promise<Row | undefined> {
      const db = connection();
      if (db.engine === "sqlite")
        return sqliteStatement(db.sqlite, sql.sqlite).get(...params) as Row | undefined;
      return (await postgresRows<Row>(db.pool, sql.postgresql, params)).rows[0];
    },
    /** Runs a statement that answers no rows; answers how many rows it changed. */
    async run(...params: Params): Promise<number> {
      const db = connection();
      if (db.engine === "sqlite")
        return sqliteStatement(db.sqlite, sql.sqlite).run(...params).changes;
      return (await postgresRows<Row>(db.pool, sql.postgresql, params)).changes;
    },
  };
}

/**
 * Work that is more than one statement (a transaction, a lock), written per engine: the
 * SQLite form runs synchronously on the handle, the PostgreSQL form on one pooled client.
 */
export async function perEngine<T>(forms: {
  sqlite: (db: Database.Database) => T;
  postgresql: (client: pg.PoolClient) => Promise<T>;
}): Promise<T> {
  const db = connection();
  if (db.engine === "sqlite") return forms.sqlite(db.sqlite);
  const client = await db.pool.connect();
  try {
    return await forms.postgresql(client);
  } finally {
    client.release();
  }
}

/** A PostgreSQL client's (or the pool's) query with the same number parsing as sqlQuery's. */
export async function clientRows<Row>(
  client: pg.PoolClient | pg.Pool,
  text: string,
  values: unknown[] = [],
) {
  const result = await client.query({ text, values: postgresValues(values), types });
  return result.rows as Row[];
}

/** `@name` parameters numbered for PostgreSQL, each name once however often it appears. */
export function numberedParameters(text: string, params: Record<string, unknown>) {
  const values: unknown[] = [];
  const numbers = new Map<string, number>();
  const numbered = text.replace(/@(\w+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for parameter @${name}`);
    let number = numbers.get(name);
    if (number === undefined) {
      values.push(params[name]);
      numbers.set(name, (number = values.length));
    }
    return `$${number}`;
  });
  return { text: numbered, values };
}

/**
 * A statement built at run time (a filter's conditions) for the connection's engine, with
 * named parameters (`@name`): better-sqlite3 binds them as they are, PostgreSQL's are
 * numbered. Only the engine in use is built (SQLite's payload search condition reads its
 * handle). SQLite's statements are cached per text, as sqlQuery's are.
 */
export async function builtRows<Row>(
  build: (engine: "sqlite" | "postgresql") => { sql: string; params: Record<string, unknown> },
): Promise<Row[]> {
  const db = connection();
  const { sql, params } = build(db.engine);
  if (db.engine === "sqlite") return sqliteStatement(db.sqlite, sql).all(params) as Row[];
  const { text, values } = numberedParameters(sql, params);
  return (await postgresRows<Row>(db.pool, text, values)).rows;
}
