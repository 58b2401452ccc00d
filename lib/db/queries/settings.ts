import { sqlQuery } from "../sql-query";

/**
 * The `settings` table: small key/value settings saved from the UI (the public base URL,
 * noise fields, watermarks). A value saved on one instance is read by every other, since
 * each read goes to the database.
 */
/** The wizard's public base URL (lib/endpoints/public-url.ts; the gate's Host check reads it). */
export const PUBLIC_URL_SETTING = "public_base_url";

const selectValue = sqlQuery<{ value: string }, [key: string]>({
  sqlite: "SELECT value FROM settings WHERE key = ?",
  postgresql: "SELECT value FROM settings WHERE key = $1",
});

const upsertValue = sqlQuery<never, [key: string, value: string, now: number]>({
  sqlite: `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  postgresql: `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, to_timestamp($3 / 1000.0))
               ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
});

const deleteValue = sqlQuery<never, [key: string]>({
  sqlite: "DELETE FROM settings WHERE key = ?",
  postgresql: "DELETE FROM settings WHERE key = $1",
});

export async function readSetting(key: string): Promise<string | null> {
  return (await selectValue.get(key))?.value ?? null;
}

/** Saves `value` under `key`; null deletes it. */
export async function writeSetting(key: string, value: string | null, now = Date.now()) {
  if (value === null) await deleteValue.run(key);
  else await upsertValue.run(key, value, now);
}
