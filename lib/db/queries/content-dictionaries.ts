import type Database from "better-sqlite3";
import type pg from "pg";
import type { Dictionary } from "../../storage/content-codec";
import { SEED_DICTIONARY_BASE64 } from "../../storage/seed-dictionary";
import { connection } from "../connection";
import { clientRows, perEngine, sqlQuery } from "../sql-query";

/**
 * The contents' compression dictionaries (lib/storage, docs/cluster.md "Compression
 * dictionaries"): a content names the one it was written with ("zstd:<id>"), and a row
 * is never changed or deleted, so any process may keep one it has read for good. The
 * first is the seed, stored at the first start; the second, learned from the
 * installation's own contents (lib/storage/learn-dictionary.ts), is the last.
 */

/** The first dictionary, built once from simulated deliveries by
 *  scripts/build-seed-dictionary.ts (the server does not load the simulator). */
export function seedDictionary(): Buffer {
  return Buffer.from(SEED_DICTIONARY_BASE64, "base64");
}

// SQLite's forms on a handle, synchronous: the receiver's store, the timeline keeper and
// scripts that seed a file of their own call them (lib/storage/content-dictionary.ts).

/** The dictionary new contents are written with: the newest stored, or a new seed one. */
export function loadOrCreateDictionary(db: Database.Database): Dictionary {
  const row = db
    .prepare("SELECT id, data FROM compression_dictionaries ORDER BY id DESC LIMIT 1")
    .get() as Dictionary | undefined;
  return row ?? storeDictionary(db, seedDictionary());
}

/** Stores a dictionary as the newest, the one new contents are written with. */
export function storeDictionary(db: Database.Database, data: Buffer): Dictionary {
  const info = db
    .prepare("INSERT INTO compression_dictionaries (data, created_at) VALUES (?, ?)")
    .run(data, Date.now());
  return { id: Number(info.lastInsertRowid), data };
}

/** Fetches a dictionary by id. The statement is prepared on first use only: decoders are
 *  cached per encoding, so most loaders are never called at all. */
export function dictionaryLoader(db: Database.Database) {
  let select: Database.Statement | undefined;
  return (id: number) => {
    select ??= db.prepare("SELECT data FROM compression_dictionaries WHERE id = ?").pluck();
    return (select.get(id) as Buffer | undefined) ?? null;
  };
}

// Either engine, behind the seam.

/** The dictionaries this process has read from each PostgreSQL pool, by id (they never change). */
const knownByPool = new WeakMap<pg.Pool, Map<number, Buffer>>();

function knownOf(pool: pg.Pool): Map<number, Buffer> {
  let known = knownByPool.get(pool);
  if (!known) knownByPool.set(pool, (known = new Map<number, Buffer>()));
  return known;
}

/**
 * Fetches a dictionary by id, synchronously, for lib/storage's decoder (which asks once
 * per encoding). On PostgreSQL it answers the dictionaries this process has read: a
 * reader first awaits loadContentDictionaries for the encodings of the rows it decodes.
 */
export function contentDictionaryLoader(): (id: number) => Buffer | null {
  const db = connection();
  if (db.engine === "sqlite") return dictionaryLoader(db.sqlite);
  const known = knownOf(db.pool);
  return (id) => known.get(id) ?? null;
}

const DICTIONARY_ID = /^zstd:(\d+)$/;

/**
 * Makes the dictionaries these encodings name readable to contentDictionaryLoader: on
 * PostgreSQL each is read once per process (another instance may have learned one a
 * moment ago); SQLite reads them from its handle when asked. Costs nothing once known.
 */
export async function loadContentDictionaries(
  encodings: Iterable<string | null | undefined>,
): Promise<void> {
  const db = connection();
  if (db.engine === "sqlite") return;
  const known = knownOf(db.pool);
  const missing = new Set<number>();
  for (const encoding of encodings) {
    const id = encoding ? DICTIONARY_ID.exec(encoding)?.[1] : undefined;
    if (id !== undefined && !known.has(Number(id))) missing.add(Number(id));
  }
  if (missing.size === 0) return;
  const rows = await db.pool.query<{ id: number; data: Buffer }>(
    "SELECT id, data FROM compression_dictionaries WHERE id = ANY($1::int[])",
    [[...missing]],
  );
  for (const row of rows.rows) known.set(row.id, row.data);
}

const newest = sqlQuery<Dictionary, []>({
  sqlite: "SELECT id, data FROM compression_dictionaries ORDER BY id DESC LIMIT 1",
  postgresql: "SELECT id, data FROM compression_dictionaries ORDER BY id DESC LIMIT 1",
});

const dictionaryCount = sqlQuery<{ n: number }, []>({
  sqlite: "SELECT count(*) AS n FROM compression_dictionaries",
  postgresql: "SELECT count(*) AS n FROM compression_dictionaries",
});

/** The newest stored dictionary (what new contents are written with), or null in an empty database. */
export async function newestDictionary(): Promise<Dictionary | null> {
  const row = await newest.get();
  const db = connection();
  if (row && db.engine === "postgresql") knownOf(db.pool).set(row.id, row.data);
  return row ?? null;
}

/** Whether a dictionary was learned already, beside the seed one every database starts with. */
export async function dictionaryLearned(): Promise<boolean> {
  return ((await dictionaryCount.get())?.n ?? 0) > 1;
}

/**
 * On PostgreSQL, instances starting (or learning) at once take turns over the table: the
 * lock conflicts with itself and with writes, never with reads, and goes with the
 * transaction. Whoever comes second finds the row the first stored.
 */
async function underTableLock<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    await client.query("LOCK TABLE compression_dictionaries IN SHARE ROW EXCLUSIVE MODE");
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

const insertPostgres = async (client: pg.PoolClient, data: Buffer): Promise<Dictionary> => {
  const [row] = await clientRows<{ id: number }>(
    client,
    "INSERT INTO compression_dictionaries (data, created_at) VALUES ($1, now()) RETURNING id",
    [data],
  );
  return { id: row!.id, data };
};

/** Known to this process's readers from now on (PostgreSQL). */
function know(dictionary: Dictionary): Dictionary {
  const db = connection();
  if (db.engine === "postgresql") knownOf(db.pool).set(dictionary.id, dictionary.data);
  return dictionary;
}

/** The dictionary new contents are written with: the newest stored, or the seed stored
 *  now (once, however many instances start together). */
export function currentDictionary(): Promise<Dictionary> {
  return perEngine({
    sqlite: loadOrCreateDictionary,
    postgresql: async (client) =>
      know(
        await underTableLock(client, async () => {
          const [row] = await clientRows<Dictionary>(client, newest.sql.postgresql);
          return row ?? insertPostgres(client, seedDictionary());
        }),
      ),
  });
}

/**
 * Stores a learned dictionary as the newest, unless one was learned already (by another
 * instance, on PostgreSQL): then null, and the writers keep the one stored.
 */
export function storeLearnedDictionary(data: Buffer): Promise<Dictionary | null> {
  return perEngine({
    sqlite: (db) => {
      const count = (db.prepare(dictionaryCount.sql.sqlite).get() as { n: number }).n;
      return count > 1 ? null : storeDictionary(db, data);
    },
    postgresql: async (client) => {
      const stored = await underTableLock(client, async () => {
        const [count] = await clientRows<{ n: number }>(client, dictionaryCount.sql.postgresql);
        return (count?.n ?? 0) > 1 ? null : insertPostgres(client, data);
      });
      return stored && know(stored);
    },
  });
}

/** Whether at least `count` contents are stored (counts at most that many rows: a full
 *  count(*) reads the whole table). */
const storedAtLeast = sqlQuery<{ n: number }, [count: number]>({
  sqlite: "SELECT count(*) AS n FROM (SELECT 1 FROM delivery_contents LIMIT ?)",
  postgresql: "SELECT count(*) AS n FROM (SELECT 1 FROM delivery_contents LIMIT $1) s",
});

export async function contentsStoredAtLeast(count: number): Promise<boolean> {
  return ((await storedAtLeast.get(count))?.n ?? 0) >= count;
}

/** The newest `limit` contents, in random order (a dictionary holds a spread of them). */
export const newestContentsShuffled = sqlQuery<
  { encoding: string; headers: Buffer; body: Buffer },
  [limit: number]
>({
  sqlite: `SELECT encoding, headers, body FROM (SELECT * FROM delivery_contents
    ORDER BY delivery_id DESC LIMIT ?) ORDER BY random()`,
  postgresql: `SELECT encoding, headers, body FROM (SELECT encoding, headers, body
    FROM delivery_contents ORDER BY delivery_id DESC LIMIT $1) s ORDER BY random()`,
});
