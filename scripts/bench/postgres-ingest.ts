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
import { commandCpuMs, processCpuMs } from "./process-cpu";
import { percentile } from "./stats";

type Deliveries = Array<{ headers: Array<[string, string]>; body: string }>;

/** CPU ms per delivery answered 200, during the measured load: the HTTP servers'
 *  (Hooklens's instances or the floor's), PostgreSQL's, and the load generator's. */
export type RoundCpu = { server_ms: number; postgres_ms: number; load_ms: number };
type Measured = LoadResult & { cpu: RoundCpu };

export type PostgresIngestRound = {
  floor: Measured;
  one: Measured & { stored: number };
  two: Measured & { stored: number };
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
  /** Medians of the rounds' CPU per delivery, each side apart. */
  cpu: { floor: RoundCpu; one: RoundCpu; two: RoundCpu };
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

/** The measured load, with the CPU each side took over it. */
async function measuredLoad(
  pids: number[],
  urls: string[],
  deliveries: Deliveries,
  seconds: number,
) {
  const serverCpu = () => pids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const before = {
    server: serverCpu(),
    postgres: commandCpuMs("postgres"),
    own: process.cpuUsage(),
  };
  const result = await loadAll(urls, deliveries, seconds);
  const own = process.cpuUsage(before.own);
  const per = (ms: number) => Math.round((ms / Math.max(1, result.ok)) * 1000) / 1000;
  const cpu = {
    server_ms: per(serverCpu() - before.server),
    postgres_ms: per(commandCpuMs("postgres") - before.postgres),
    load_ms: per((own.user + own.system) / 1000),
  };
  return { ...result, cpu };
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
    const pids = servers.map((server) => server.process.pid!);
    const result = await measuredLoad(pids, urls, deliveries, seconds);
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
    return await measuredLoad([bare.pid], [bare.url], deliveries, seconds);
  } finally {
    await bare.stop();
  }
}

const medianCpu = (cpus: RoundCpu[]): RoundCpu => {
  const mid = (key: keyof RoundCpu) =>
    percentile(
      cpus.map((c) => c[key]),
      50,
    );
  return { server_ms: mid("server_ms"), postgres_ms: mid("postgres_ms"), load_ms: mid("load_ms") };
};

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
      const said = (r: Measured) =>
        `${Math.round(r.rps)}/s p99 ${r.p99} (CPU ms/delivery: server ${r.cpu.server_ms}, postgres ${r.cpu.postgres_ms}, load ${r.cpu.load_ms})`;
      log(`round ${i + 1}: floor ${said(floor)}, one ${said(one)}, two ${said(two)}`);
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
    cpu: {
      floor: medianCpu(rounds.map((r) => r.floor.cpu)),
      one: medianCpu(rounds.map((r) => r.one.cpu)),
      two: medianCpu(rounds.map((r) => r.two.cpu)),
    },
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
