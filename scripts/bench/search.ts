/**
 * Payload search at a million deliveries (issue 16): query latency through the real
 * server's API with the index against the unindexed scan on the same database, the
 * index catch-up over existing deliveries (a new or upgraded install), how far the index
 * trails live traffic at 1,000 deliveries/s, its size against the raw bytes it covers,
 * and ingest with the index against ingest without it (HOOKLENS_SEARCH_INDEX=off).
 * The database is made by seed-through-receiver.ts (the receiver's own write path, in
 * process), lives in a temporary folder and is removed at the end.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../../lib/db/sqlite";
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { api } from "../../tests/support/api";
import { startServer, type RunningServer } from "../../tests/support/start-server";
import { runLoad } from "./load";
import { pickSearchProbes, scanWithoutIndex, type SearchProbe } from "./search-probes";
import { seedThroughReceiver } from "./seed-through-receiver";
import { percentile, round, timeRuns } from "./stats";

type Status = { indexed_through: number; newest_delivery_id: number };

const status = async (server: RunningServer) =>
  (await api<Status>(server.baseUrl, "/api/search")).body;

/** CPU seconds the server process has used (Linux), so that a loaded machine can be read. */
function cpuSeconds(server: RunningServer): number {
  try {
    const fields = readFileSync(`/proc/${server.process.pid}/stat`, "utf8").split(") ")[1]!;
    const [utime, stime] = fields.split(" ").slice(11, 13).map(Number);
    return (utime! + stime!) / 100;
  } catch {
    return Number.NaN;
  }
}

async function waitIndexed(server: RunningServer, onTick?: (s: Status) => void) {
  for (;;) {
    const now = await status(server);
    onTick?.(now);
    if (now.indexed_through >= now.newest_delivery_id) return now;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** p50/p95 of every probe, `rounds` times over (probes interleaved), and each round's p95. */
async function measureProbes(
  server: RunningServer,
  probes: SearchProbe[],
  runs: number,
  rounds: number,
) {
  const samples = new Map<string, number[]>(probes.map((probe) => [probe.name, []]));
  const roundP95 = new Map<string, number[]>(probes.map((probe) => [probe.name, []]));
  const matches = new Map<string, number>();
  for (let round_ = 0; round_ < rounds; round_++) {
    for (const probe of probes) {
      const path = `/api/events?q=${encodeURIComponent(probe.q)}&limit=50`;
      const times = await timeRuns(async () => {
        const answer = await api<{ data: unknown[] }>(server.baseUrl, path);
        if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
        matches.set(probe.name, answer.body.data.length);
      }, runs);
      samples.get(probe.name)!.push(...times);
      roundP95.get(probe.name)!.push(round(percentile(times, 95), 2));
    }
  }
  return probes.map((probe) => ({
    ...probe,
    first_page: matches.get(probe.name) ?? 0,
    p50_ms: round(percentile(samples.get(probe.name)!, 50), 2),
    p95_ms: round(percentile(samples.get(probe.name)!, 95), 2),
    round_p95_ms: roundP95.get(probe.name)!,
  }));
}

/** Sends `rate` deliveries/s for `seconds`; per delivery, answer → covered by the index. */
async function measureLag(server: RunningServer, rate: number, seconds: number) {
  const deliveries = [...generateLoadDeliveries({ seed: 61, count: rate * seconds })];
  const answered = new Map<number, number>();
  const lags: number[] = [];
  let sending = true;
  const poll = (async () => {
    while (sending || answered.size > 0) {
      const { indexed_through } = await status(server);
      const now = performance.now();
      for (const [id, at] of answered) {
        if (id <= indexed_through) {
          lags.push(now - at);
          answered.delete(id);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const tick = 50;
  const started = performance.now();
  for (let i = 0; i < deliveries.length; i += (rate * tick) / 1000) {
    const due = started + (i / rate) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    await Promise.all(
      deliveries.slice(i, i + (rate * tick) / 1000).map(async (delivery) => {
        const response = await fetch(server.receiverUrl, {
          method: "POST",
          headers: delivery.headers,
          body: delivery.body,
        });
        const { id } = (await response.json()) as { id: number };
        answered.set(id, performance.now());
      }),
    );
  }
  const sentPerSecond = deliveries.length / ((performance.now() - started) / 1000);
  sending = false;
  await poll;
  return {
    sent_per_second: Math.round(sentPerSecond),
    lag_p50_ms: round(percentile(lags, 50), 0),
    lag_p95_ms: round(percentile(lags, 95), 0),
    lag_max_ms: round(Math.max(...lags), 0),
  };
}

/** Bytes of every table and index of payload search, and the raw bytes they cover. */
function storage(file: string) {
  const db = openDatabase(file);
  db.pragma("wal_checkpoint(TRUNCATE)");
  const index = db
    .prepare(
      `SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_index%' OR name LIKE 'sqlite_autoindex_search%'
       OR name = 'search_fields'`,
    )
    .pluck()
    .get() as number;
  const raw = db.prepare("SELECT sum(size) FROM deliveries").pluck().get() as number;
  db.close();
  return { index_bytes: index, raw_bytes: raw, ratio: round(index / raw, 3) };
}

async function ingestRound(seconds: number, indexOn: boolean) {
  const deliveries = [...generateLoadDeliveries({ seed: 8, count: 3000 })];
  const dir = mkdtempSync(path.join(tmpdir(), "hooklens-bench-"));
  const server = await startServer({
    databaseFile: path.join(dir, "hooklens.db"),
    env: { HOOKLENS_RATE_LIMIT: "0", HOOKLENS_SEARCH_INDEX: indexOn ? "on" : "off" },
  });
  try {
    const load = { url: server.receiverUrl, deliveries, connections: 32, durationSeconds: 2 };
    await runLoad(load);
    const result = await runLoad({ ...load, durationSeconds: seconds });
    const finished = performance.now();
    const caughtUp = indexOn ? (await waitIndexed(server), performance.now() - finished) : null;
    return { rps: result.rps, p99: result.p99, caught_up_after_ms: caughtUp };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSearch(options: {
  count: number;
  runs: number;
  rounds: number;
  ingestSeconds: number;
  ingestRounds: number;
  log?: (line: string) => void;
}) {
  const log = options.log ?? ((line: string) => console.error(`search: ${line}`));
  const dir = mkdtempSync(path.join(process.env.BENCH_DB_DIR ?? tmpdir(), "hooklens-search-"));
  const file = path.join(dir, "hooklens.db");
  try {
    log(`seeding ${options.count} deliveries through the receiver's write path`);
    const seed = await seedThroughReceiver({ file, count: options.count });
    log(`seeded in ${seed.seconds} s (${seed.per_second}/s)`);
    const probes = pickSearchProbes(file);
    const unindexed = scanWithoutIndex(file, probes);
    log(`unindexed scans: ${unindexed.map((u) => `${u.name} ${u.ms} ms`).join(", ")}`);

    const server = await startServer({ databaseFile: file, env: { HOOKLENS_RATE_LIMIT: "0" } });
    try {
      // The indexer starts with the server: time it from the first look, over what it
      // indexed from then on.
      const cpuBefore = cpuSeconds(server);
      const started = performance.now();
      const from = (await status(server)).indexed_through;
      let last = 0;
      const done = await waitIndexed(server, (now) => {
        if (now.indexed_through - last >= 100_000) log(`indexed ${(last = now.indexed_through)}`);
      });
      const seconds = (performance.now() - started) / 1000;
      const cpu = cpuSeconds(server) - cpuBefore;
      const indexed = done.indexed_through - from;
      const catchUp = {
        deliveries: done.indexed_through,
        timed: indexed,
        seconds: round(seconds, 1),
        per_second: Math.round(indexed / seconds),
        per_cpu_second: Math.round(indexed / cpu),
      };
      log(`catch-up ${catchUp.per_second}/s (${catchUp.per_cpu_second} per CPU second)`);
      const results = await measureProbes(server, probes, options.runs, options.rounds);
      const lag = await measureLag(server, 1000, 10);
      log(`lag p95 ${lag.lag_p95_ms} ms`);
      await server.stop();
      const size = storage(file);
      const ingest = [];
      for (let i = 0; i < options.ingestRounds; i++) {
        const without = await ingestRound(options.ingestSeconds, false);
        const withIndex = await ingestRound(options.ingestSeconds, true);
        ingest.push({ without, with: withIndex, ratio: round(withIndex.rps / without.rps, 3) });
        log(`ingest round ${i + 1}: ${Math.round(withIndex.rps)} / ${Math.round(without.rps)}`);
      }
      return { seed, probes: results, unindexed, catch_up: catchUp, lag, storage: size, ingest };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
