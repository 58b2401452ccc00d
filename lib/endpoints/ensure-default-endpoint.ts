import type Database from "better-sqlite3";
import { newEndpointId, newReceiverToken } from "./new-token";

/**
 * The first start creates an endpoint named "default" so that a fresh install has a
 * receiver URL to give the platform. Raw SQL: this runs in the custom server at boot,
 * outside Next's bundle.
 */
export function ensureDefaultEndpoint(db: Database.Database): { token: string; created: boolean } {
  const existing = db
    .prepare("SELECT token FROM endpoints ORDER BY created_at LIMIT 1")
    .pluck()
    .get() as string | undefined;
  if (existing) return { token: existing, created: false };
  const token = newReceiverToken();
  const now = Date.now();
  db.prepare(
    `INSERT INTO endpoints (id, name, token, created_at, updated_at) VALUES (?, 'default', ?, ?, ?)`,
  ).run(newEndpointId(), token, now, now);
  return { token, created: true };
}
