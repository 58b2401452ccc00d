/**
 * Ingest on PostgreSQL (issue 14: one instance and two, each at least half the floor, p99
 * within 50 ms): the same load of realistic ~3 KB deliveries (32 connections) against
 * Hooklens on one database, one instance and then two (16 connections each, at once, no
 * proxy between), and against the floor, a bare node:http server doing one `pg` insert per
 * request (bare-postgres-server.ts), all on one throwaway PostgreSQL 15 of the run's own
 * (tests/support/start-postgres.ts: fsync and synchronous_commit off, so the figures are
 * of the servers, not of this machine's disk). Rounds alternate floor / one / two, a fresh
 * database each, and the median of the rounds' figures is reported.
 */
import pg from "pg";
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { startServer, type RunningServer } from "../../tests/support/start-server";
import { startPostgres, type RunningPostgres } from "../../tests/support/start-postgres";
import { spawnBare } from "./ingest";
import { runLoad, type LoadResult } from "./load";
import { percentile } from "./stats";

type Deliveries = Array<{ headers: Array<[string, string]>; body: string }>;

export type PostgresIngestRound = {
  floor: LoadResult;
  one: LoadResult & { stored: number };
  two: LoadResult & { stored: number };
};

export type PostgresIngestFigures = {
  rounds: PostgresIngestRound[];
  /** Medians over the rounds. */
  floor_rps: number;
  one_rps: number;
  two_rps: number;
  one_p99_ms: number;
  two_p99_ms: number;
  floor_p99_ms: number;
  /** Every answered 200 was a row in the database, in every round. */
  durable: boolean;
};

const CONNECTIONS = 32;

async function countRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM deliveries");
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Several loads at once, one per URL, their connections split; their sum and worst tail. */
async function loadAll(urls: string[], deliveries: Deliveries, seconds: number) {
  const results = await Promise.all(
    urls.map((url) =>
      runLoad({
        url,
        deliveries,
        connections: CONNECTIONS / urls.length,
        durationSeconds: seconds,
      }),
    ),
  );
  const sum = (pick: (r: LoadResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  return {
    rps: sum((r) => r.rps),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    ok: sum((r) => r.ok),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
  } satisfies LoadResult;
}

async function hooklensRound(
  postgres: RunningPostgres,
  name: string,
  instances: number,
  deliveries: Deliveries,
  seconds: number,
) {
  const databaseUrl = await postgres.createDatabase(name);
  const env = {
    DATABASE_URL: databaseUrl,
    HOOKLENS_POSTGRES_UNFINISHED: "1",
    HOOKLENS_RATE_LIMIT: "0",
  };
  const servers: RunningServer[] = [];
  try {
    // One after the other: the first applies the migrations.
    for (let i = 0; i < instances; i++) servers.push(await startServer({ env }));
    const urls = servers.map((server) => server.receiverUrl);
    await loadAll(urls, deliveries, 2);
    const before = await countRows(databaseUrl);
    const result = await loadAll(urls, deliveries, seconds);
    return { ...result, stored: (await countRows(databaseUrl)) - before };
  } finally {
    for (const server of servers) await server.stop();
  }
}

async function floorRound(
  postgres: RunningPostgres,
  name: string,
  deliveries: Deliveries,
  seconds: number,
) {
  const bare = await spawnBare(
    "scripts/bench/bare-postgres-server.ts",
    await postgres.createDatabase(name),
  );
  try {
    await loadAll([bare.url], deliveries, 2);
    return await loadAll([bare.url], deliveries, seconds);
  } finally {
    await bare.stop();
  }
}

export async function benchPostgresIngest(options: {
  seconds: number;
  rounds: number;
  log?: (line: string) => void;
}): Promise<PostgresIngestFigures> {
  const log = options.log ?? ((line: string) => console.error(`postgres ingest: ${line}`));
  const deliveries = [...generateLoadDeliveries({ seed: 8, count: 3000 })];
  const postgres = await startPostgres();
  const rounds: PostgresIngestRound[] = [];
  try {
    for (let i = 0; i < options.rounds; i++) {
      const floor = await floorRound(postgres, `floor_${i}`, deliveries, options.seconds);
      const one = await hooklensRound(postgres, `one_${i}`, 1, deliveries, options.seconds);
      const two = await hooklensRound(postgres, `two_${i}`, 2, deliveries, options.seconds);
      log(
        `round ${i + 1}: floor ${Math.round(floor.rps)}/s p99 ${floor.p99}, one ${Math.round(one.rps)}/s p99 ${one.p99}, two ${Math.round(two.rps)}/s p99 ${two.p99}`,
      );
      rounds.push({ floor, one, two });
    }
  } finally {
    await postgres.stop();
  }
  const med = (pick: (round: PostgresIngestRound) => number) => percentile(rounds.map(pick), 50);
  return {
    rounds,
    floor_rps: Math.round(med((r) => r.floor.rps)),
    one_rps: Math.round(med((r) => r.one.rps)),
    two_rps: Math.round(med((r) => r.two.rps)),
    floor_p99_ms: med((r) => r.floor.p99),
    one_p99_ms: med((r) => r.one.p99),
    two_p99_ms: med((r) => r.two.p99),
    durable: rounds.every((r) => r.one.stored >= r.one.ok && r.two.stored >= r.two.ok),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchPostgresIngest({
    seconds: Number(process.env.BENCH_SECONDS ?? 15),
    rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  });
  console.log(JSON.stringify(figures, null, 2));
}
