/**
 * Copies a seeded SQLite database (scripts/seed-deliveries.ts) into a migrated PostgreSQL
 * one, for the read benchmarks on PostgreSQL: the same million rows on both engines, so
 * that their figures compare. Each table's shared columns are copied in id order, in
 * batches of unnest arrays; SQLite's Unix ms become timestamptz and its 0/1 booleans.
 * Contents stored with a compression dictionary are copied decoded (identity): Hooklens
 * on PostgreSQL cannot read SQLite's dictionaries (lib/db/queries/content-dictionaries.ts
 * has no PostgreSQL loader yet), and its search index would stop at the first such body.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { decodeBytes } from "../../lib/storage/content-codec";
import { dictionaryLoader } from "../../lib/storage/content-dictionary";

const TABLES: Array<{ name: string; order: string }> = [
  { name: "endpoints", order: "id" },
  { name: "deliveries", order: "id" },
  { name: "delivery_contents", order: "delivery_id" },
  { name: "resources", order: "resource_type, resource_id" },
];
const BATCH = 20_000;

type PgColumn = { column_name: string; data_type: string; udt_name: string };

export async function copyToPostgres(
  file: string,
  databaseUrl: string,
  log: (line: string) => void,
) {
  const sqlite = new Database(file, { readonly: true });
  const dictionaries = dictionaryLoader(sqlite);
  const plain = (row: Record<string, unknown>) => {
    const encoding = row.encoding;
    if (typeof encoding !== "string" || encoding === "identity") return row;
    const body = decodeBytes(encoding, row.body as Buffer, dictionaries);
    return { ...row, encoding: "identity", body };
  };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const table of TABLES) {
      const started = performance.now();
      const have = new Set(
        (sqlite.prepare(`PRAGMA table_info(${table.name})`).all() as Array<{ name: string }>).map(
          (column) => column.name,
        ),
      );
      const { rows: columns } = await client.query<PgColumn>(
        `SELECT column_name, data_type, udt_name FROM information_schema.columns
          WHERE table_name = $1 ORDER BY ordinal_position`,
        [table.name],
      );
      const shared = columns.filter((column) => have.has(column.column_name));
      const names = shared.map((column) => column.column_name);
      const unnest = shared
        .map((column, i) => {
          const type = column.data_type.startsWith("timestamp")
            ? "float8"
            : column.udt_name === "bool"
              ? "bool"
              : column.udt_name;
          return `$${i + 1}::${type}[]`;
        })
        .join(", ");
      const out = shared
        .map((column) =>
          column.data_type.startsWith("timestamp")
            ? `to_timestamp(u.${column.column_name} / 1000.0)`
            : `u.${column.column_name}`,
        )
        .join(", ");
      const insert = `INSERT INTO ${table.name} (${names.join(", ")})
        SELECT ${out} FROM unnest(${unnest}) AS u(${names.join(", ")})`;
      const read = sqlite.prepare(
        `SELECT ${names.join(", ")} FROM ${table.name} ORDER BY ${table.order}`,
      );
      let batch: Array<Record<string, unknown>> = [];
      let copied = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const values = shared.map((column) =>
          batch.map((row) => {
            const value = row[column.column_name];
            return column.udt_name === "bool" && typeof value === "number" ? value !== 0 : value;
          }),
        );
        await client.query(insert, values);
        copied += batch.length;
        batch = [];
      };
      for (const row of read.iterate() as Iterable<Record<string, unknown>>) {
        batch.push(table.name === "delivery_contents" ? plain(row) : row);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      log(
        `${table.name}: ${copied} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    await client.query(
      "SELECT setval('deliveries_id_seq', (SELECT coalesce(max(id), 1) FROM deliveries))",
    );
    await client.query("ANALYZE");
  } finally {
    sqlite.close();
    await client.end();
  }
}
