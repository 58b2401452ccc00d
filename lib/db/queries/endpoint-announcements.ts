import { connection } from "../connection";

/** Where an instance says that endpoints changed; delivery-listener.ts hears it. */
export const ENDPOINTS_CHANNEL = "hooklens_endpoints";

/**
 * Tells every instance on the PostgreSQL database that endpoints changed, so that their
 * receivers forget the endpoints they keep in memory. On SQLite there is one process,
 * which lib/endpoints/endpoint-changes.ts has told already.
 */
export function announceEndpointsChanged(): void {
  const db = connection();
  if (db.engine !== "postgresql") return;
  db.pool.query("SELECT pg_notify($1, '')", [ENDPOINTS_CHANNEL]).catch((error: unknown) => {
    console.error("Could not tell the other instances that endpoints changed:", error);
  });
}
