import type Database from "better-sqlite3";
import type { Dictionary } from "./content-codec";
import { SEED_DICTIONARY_BASE64 } from "./seed-dictionary";

/** The first dictionary, built once from simulated deliveries by
 *  scripts/build-seed-dictionary.ts (the server does not load the simulator). */
export function seedDictionary(): Buffer {
  return Buffer.from(SEED_DICTIONARY_BASE64, "base64");
}

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
