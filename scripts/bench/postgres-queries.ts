/**
 * The read targets on PostgreSQL (issue 14: feed first page, timeline and stats at
 * 1,000,000 deliveries within SQLite's 50, 150 and 300 ms p95): the queries bench's
 * probes (queries.ts) against a server on a throwaway PostgreSQL 15 holding a copy of
 * the same seeded SQLite database, with its own baseline (GET /api/endpoints) on that
 * server. The server catches its background work up (stats rollups, the search index)
 * before anything is timed, as on SQLite.
 */
import { startPostgres } from "../../tests/support/start-postgres";
import { applyPostgresMigrations } from "../../lib/db/apply-postgres-migrations";
import { copyToPostgres } from "./copy-to-postgres";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Row } from "./print-report";
import { benchQueries, queryRows, seedDatabase } from "./queries";

export async function benchPostgresQueries(options: { file: string; count: number; runs: number }) {
  seedDatabase(options.file, options.count);
  const postgres = await startPostgres();
  try {
    const databaseUrl = await postgres.createDatabase("bench_queries");
    await applyPostgresMigrations({ databaseUrl });
    await copyToPostgres(options.file, databaseUrl, (line) => console.error(`postgres: ${line}`));
    return await benchQueries({ ...options, databaseUrl });
  } finally {
    await postgres.stop();
  }
}

/** `npm run bench -- --only postgres-queries`: the figures and their rows. */
export async function postgresQueryRows(quick: boolean, yes: (ok: boolean) => string) {
  const count = quick ? 50_000 : Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
  const file = path.join(process.env.BENCH_DB_DIR ?? tmpdir(), `hooklens-bench-${count}.db`);
  const figures = await benchPostgresQueries({ file, count, runs: quick ? 10 : 40 });
  const rows: Row[] = queryRows(count, figures, yes).map((row) => ({
    ...row,
    figure: `PostgreSQL: ${row.figure}`,
  }));
  return { figures, rows };
}
