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
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { startServer, type RunningServer } from "../../tests/support/start-server";
import { runLoad } from "./load";
import { measureLag } from "./search-lag";
import { measureProbes, status, storage, waitIndexed } from "./search-measure";
import { pickSearchProbes, scanWithoutIndex } from "./search-probes";
import { seedThroughReceiver } from "./seed-through-receiver";
import { round } from "./stats";

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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/**
 * Ingest with the index against ingest without, as rounds of a pair each, the pair's
 * order alternating (so that a machine getting busier or quieter over the run does not
 * favour one side), judged by the median of the pairs' ratios: single rounds on a shared
 * machine varied by 37% between themselves (BENCHMARKS.md, issue 16).
 */
export async function measureIngestRatio(options: {
  rounds: number;
  seconds: number;
  log?: (line: string) => void;
}) {
  const rounds = [];
  for (let i = 0; i < options.rounds; i++) {
    const withFirst = i % 2 === 1;
    const first = await ingestRound(options.seconds, withFirst);
    const second = await ingestRound(options.seconds, !withFirst);
    const [withIndex, without] = withFirst ? [first, second] : [second, first];
    rounds.push({ without, with: withIndex, ratio: round(withIndex.rps / without.rps, 3) });
    options.log?.(
      `ingest round ${i + 1}: ${Math.round(withIndex.rps)} / ${Math.round(without.rps)}`,
    );
  }
  return { rounds, ratio: median(rounds.map((r) => r.ratio)) };
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
      const lag = await measureLag(server, { rate: 1000, seconds: 15, warmupSeconds: 5 });
      log(`lag p95 ${lag.lag_p95_ms} ms`);
      await server.stop();
      const size = storage(file);
      const ingest = (
        await measureIngestRatio({
          rounds: options.ingestRounds,
          seconds: options.ingestSeconds,
          log,
        })
      ).rounds;
      return { seed, probes: results, unindexed, catch_up: catchUp, lag, storage: size, ingest };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
