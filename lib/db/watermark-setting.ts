import type Database from "better-sqlite3";
import { cachedStatement } from "./cached-statement";

/**
 * A background job's progress kept as a settings row (the timeline keeper's watermark,
 * its sweeps', the change index's): the delivery id or key it went through, 0 before the
 * first run. Read and written inside the job's own transaction, on the SQLite connection
 * the job runs on.
 */
export function readWatermark(db: Database.Database, key: string): number {
  const value = cachedStatement(db, "SELECT value FROM settings WHERE key = ?", "pluck").get(key);
  return Number(value ?? 0) || 0;
}

export function writeWatermark(db: Database.Database, key: string, through: number) {
  cachedStatement(
    db,
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, String(through), Date.now());
}
