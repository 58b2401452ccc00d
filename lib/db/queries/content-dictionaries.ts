import { dictionaryLoader } from "../../storage/content-dictionary";
import { connection } from "../connection";

/**
 * Fetches a compression dictionary by id, synchronously, for lib/storage's decoder (which
 * asks once per encoding). On PostgreSQL contents are plain zstd so far (dictionaries are
 * learnt by SQLite-only code: lib/db/queries/receiving.ts), and none is ever asked for.
 */
export function contentDictionaryLoader(): (id: number) => Buffer | null {
  const db = connection();
  return db.engine === "sqlite" ? dictionaryLoader(db.sqlite) : () => null;
}
