import type Database from "better-sqlite3";
import { newEndpointId, newReceiverToken } from "../../endpoints/new-token";
import { clientRows, perEngine } from "../sql-query";

/**
 * The first start creates an endpoint named "default", so that a fresh install has a
 * receiver URL to give the platform. Raw SQL, not Prisma: server.ts runs it at boot,
 * outside Next's bundle (where "server-only" modules cannot load).
 */
export type DefaultEndpoint = { token: string; created: boolean };

/** The SQLite form, also for scripts that seed a database file of their own. */
export function ensureDefaultEndpointSqlite(db: Database.Database): DefaultEndpoint {
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

/** "default" in ASCII (0x64656661756c74; PostgreSQL 15 has no hex literals): instances
 *  starting at once on one database create one. */
const DEFAULT_ENDPOINT_LOCK = BigInt("0x64656661756c74").toString();

export function ensureDefaultEndpoint(): Promise<DefaultEndpoint> {
  return perEngine({
    sqlite: ensureDefaultEndpointSqlite,
    postgresql: async (client) => {
      await client.query("BEGIN");
      try {
        await client.query("SELECT pg_advisory_xact_lock($1)", [DEFAULT_ENDPOINT_LOCK]);
        const [existing] = await clientRows<{ token: string }>(
          client,
          "SELECT token FROM endpoints ORDER BY created_at LIMIT 1",
        );
        if (existing) {
          await client.query("COMMIT");
          return { token: existing.token, created: false };
        }
        const token = newReceiverToken();
        await client.query(
          `INSERT INTO endpoints (id, name, token, created_at, updated_at)
           VALUES ($1, 'default', $2, now(), now())`,
          [newEndpointId(), token],
        );
        await client.query("COMMIT");
        return { token, created: true };
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
  });
}
