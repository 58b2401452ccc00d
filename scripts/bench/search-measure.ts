/** What the payload search benchmarks measure through a running server, and on disk. */
import { openDatabase } from "../../lib/db/sqlite";
import { api } from "../../tests/support/api";
import type { RunningServer } from "../../tests/support/start-server";
import type { SearchProbe } from "./search-probes";
import { percentile, round, timeRuns } from "./stats";

export type Status = { indexed_through: number; newest_delivery_id: number };

export const status = async (server: RunningServer) =>
  (await api<Status>(server.baseUrl, "/api/search")).body;

export async function waitIndexed(server: RunningServer, onTick?: (s: Status) => void) {
  for (;;) {
    const now = await status(server);
    onTick?.(now);
    if (now.indexed_through >= now.newest_delivery_id) return now;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** p50/p95 of every probe, `rounds` times over (probes interleaved), and each round's p95. */
export async function measureProbes(
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
      const filter = probe.filter ? `&${probe.filter.query}` : "";
      const path = `/api/events?q=${encodeURIComponent(probe.q)}&limit=50${filter}`;
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

/** Bytes of every table and index of payload search, and the raw bytes they cover. */
export function storage(file: string) {
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
