import type Database from "better-sqlite3";
import { generateDeliveries } from "../simulator/generate-deliveries";
import { generateLoadDeliveries } from "../simulator/load-deliveries";
import type { Dictionary } from "./content-codec";

/** zstd's "raw content" dictionary: plain text whose substrings recur in deliveries. */
const DICTIONARY_BYTES = 96 * 1024;

/**
 * Builds the first dictionary from simulated deliveries: the platform's key names,
 * header set, value shapes and Go-style escaping, which are what real deliveries share.
 */
export function buildSeedDictionary(): Buffer {
  const parts: string[] = [];
  let size = 0;
  const add = (delivery: { headers: Array<[string, string]>; body: string }) => {
    const text = `${JSON.stringify(delivery.headers)}\n${delivery.body}\n`;
    parts.push(text);
    size += Buffer.byteLength(text);
  };
  for (const delivery of generateDeliveries({ seed: 11, count: 60 })) add(delivery);
  for (const delivery of generateLoadDeliveries({ seed: 7, count: 200 })) {
    if (size >= DICTIONARY_BYTES) break;
    add(delivery);
  }
  // zstd weighs the end of a raw dictionary most: keep the most typical (load) text last.
  return Buffer.from(parts.join("")).subarray(-DICTIONARY_BYTES);
}

/** The dictionary new contents are written with: the newest stored, or a new seed one. */
export function loadOrCreateDictionary(db: Database.Database): Dictionary {
  const row = db
    .prepare("SELECT id, data FROM compression_dictionaries ORDER BY id DESC LIMIT 1")
    .get() as Dictionary | undefined;
  if (row) return row;
  const data = buildSeedDictionary();
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
