import Database from "better-sqlite3";
import { decodeBytes } from "../../lib/storage/content-codec";
import { dictionaryLoader, seedDictionary } from "../../lib/storage/content-dictionary";

/**
 * Everything a database file holds, as text: every text and blob column of every table,
 * with delivery contents decoded. For checking that a secret is stored nowhere; the
 * seed compression dictionary is left out (built from simulated deliveries); one learned
 * from the installation's own deliveries is not.
 */
export function storedText(databaseFile: string): string {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const load = dictionaryLoader(db);
    const parts: string[] = [];
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    const seed = seedDictionary();
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Array<
        Record<string, unknown>
      >) {
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
  } finally {
    db.close();
  }
}
