/**
 * The PostgreSQL ingest floor (issue 14): a bare node:http server that does one `pg`
 * insert per request (headers as text, the body as bytea, the id returned) and answers
 * 200, over a pool of connections as many as the load's (32): no parsing, no batching,
 * no duplicate check, no indexes but the key, no notification.
 */
import pg from "pg";
import { serveBare } from "./bare-http";

const url = process.argv[2];
const port = Number(process.argv[3] ?? 0);
if (!url) throw new Error("usage: bare-postgres-server.ts <postgresql url> [port]");
const pool = new pg.Pool({ connectionString: url, max: 32 });
await pool.query(
  "CREATE TABLE IF NOT EXISTS deliveries (id bigserial PRIMARY KEY, received_at bigint, headers text, body bytea)",
);

async function store(headers: string[], body: Buffer): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO deliveries (received_at, headers, body) VALUES ($1, $2, $3) RETURNING id",
    [Date.now(), JSON.stringify(headers), body],
  );
  return Number(rows[0]!.id);
}

serveBare({ name: "bare-postgres", port, store, close: () => pool.end() });
