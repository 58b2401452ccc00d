/**
 * Payload search's query figures on a database kept between runs (issue 16 at 1,000,000
 * deliveries without re-seeding every time): seeded once through the receiver's own write
 * path into `dir`, indexed once at full speed (lib/search/build-search-index.ts, the same
 * rows the server's indexer writes), then every run times the four searches through the
 * server's API beside the unindexed scan of the same database (a few runs, not a p95: at
 * 1M each takes minutes) and measures the index's size. The server-start catch-up, the
 * lag and the ingest ratio need a fresh database: they are the full run's (search.ts).
 *
 *   BENCH_SEARCH_DIR=/tmp/search-1m BENCH_DELIVERIES=1000000 npx tsx scripts/bench/run.ts --only search
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { applyMigrations } from "../../lib/db/apply-migrations";
import { openDatabase } from "../../lib/db/sqlite";
import { keepTimelineBatch, keptThrough } from "../../lib/resources/keep-timeline-steps";
import { buildSearchIndex } from "../../lib/search/build-search-index";
import { searchIndexStatus } from "../../lib/search/search-index-sqlite";
import { apiText } from "../../tests/support/api";
import { startServer } from "../../tests/support/start-server";
import { measureProbes, storage } from "./search-measure";
import { pickSearchProbes, scanWithoutIndex } from "./search-probes";
import { seedThroughReceiver, type SeedFigures } from "./seed-through-receiver";
import { round } from "./stats";

const load = () => loadavg().map((value) => round(value, 2));

/** The kept database, seeded first when it is missing (or was left half-seeded). */
async function keptDatabase(dir: string, count: number, log: (line: string) => void) {
  const file = path.join(dir, "hooklens.db");
  const marker = path.join(dir, "seed.json");
  if (existsSync(marker)) {
    const seed = JSON.parse(readFileSync(marker, "utf8")) as SeedFigures;
    if (seed.deliveries === count) return { file, seed, seeded_now: false };
  }
  for (const name of ["hooklens.db", "hooklens.db-wal", "hooklens.db-shm", "seed.json"]) {
    rmSync(path.join(dir, name), { force: true });
  }
  log(`seeding ${count} deliveries through the receiver's write path into ${dir}`);
  const seed = await seedThroughReceiver({ file, count });
  writeFileSync(marker, JSON.stringify(seed));
  return { file, seed, seeded_now: true };
}

/** Builds the payload search index of a seeded database at once if it is behind. */
export function buildIndexIfMissing(file: string, log: (line: string) => void) {
  const db = openDatabase(file);
  try {
    const before = searchIndexStatus(db);
    if (before.indexed_through >= before.newest_delivery_id) return null;
    log(`building the index from ${before.indexed_through} to ${before.newest_delivery_id}`);
    const built = buildSearchIndex(db);
    db.pragma("wal_checkpoint(TRUNCATE)");
    return { ...built, per_second: Math.round(built.indexed / built.seconds) };
  } finally {
    db.close();
  }
}

/** The server keeps timeline steps in the background from the first start on a database
 *  without them (lib/resources), taking the loop between requests for many minutes at
 *  1M: kept here first, so that the searches are timed on a server at rest. */
export function keepTimelineIfBehind(file: string, log: (line: string) => void) {
  applyMigrations(`file:${path.resolve(file)}`);
  const db = openDatabase(file);
  try {
    const newest = db
      .prepare("SELECT coalesce(max(id), 0) FROM deliveries")
      .pluck()
      .get() as number;
    if (keptThrough(db) >= newest) return;
    log(`keeping timeline steps from ${keptThrough(db)} to ${newest}`);
    while (keepTimelineBatch(db, 5000).more);
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

export async function benchSearchKept(options: {
  dir: string;
  count: number;
  runs: number;
  rounds: number;
  scanRuns: number;
  log?: (line: string) => void;
}) {
  const log = options.log ?? ((line: string) => console.error(`search: ${line}`));
  const loadBefore = load();
  const { file, seed, seeded_now } = await keptDatabase(options.dir, options.count, log);
  const build = buildIndexIfMissing(file, log);
  keepTimelineIfBehind(file, log);
  if (build) log(`index built in ${build.seconds} s (${build.per_second}/s)`);
  const probes = pickSearchProbes(file);
  const loadQueries = load();
  const server = await startServer({ databaseFile: file, env: { HOOKLENS_RATE_LIMIT: "0" } });
  let results;
  try {
    results = await measureProbes(server, probes, options.runs, options.rounds);
  } finally {
    await server.stop();
  }
  log(`p95 ${results.map((probe) => probe.p95_ms).join(" / ")} ms`);
  const loadScan = load();
  const unindexed = scanWithoutIndex(file, probes, options.scanRuns);
  log(
    `unindexed scans: ${unindexed.map((u) => `${u.name} ${u.runs_ms.join(", ")} ms`).join("; ")}`,
  );
  return {
    seed: { ...seed, seeded_now },
    build,
    probes: results,
    unindexed,
    storage: storage(file),
    load: { before: loadBefore, queries: loadQueries, scans: loadScan, after: load() },
  };
}

/** Waits for the payload search index to reach the newest delivery; the seconds it took. */
export async function untilIndexed(baseUrl: string): Promise<number> {
  const started = performance.now();
  for (let logged = 0; ;) {
    const answer = await apiText(baseUrl, "/api/search");
    const status = JSON.parse(answer.text) as {
      indexed_through: number;
      newest_delivery_id: number;
    };
    if (status.indexed_through >= status.newest_delivery_id)
      return round((performance.now() - started) / 1000, 1);
    if (performance.now() - logged > 30_000) {
      logged = performance.now();
      console.error(
        `queries: search index at ${status.indexed_through} of ${status.newest_delivery_id}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
