/**
 * Resident memory of the server (issue 19, item 4): after it has received 1,000,000
 * deliveries of mixed traffic over HTTP, and through an hour with a feed open (an SSE
 * stream of every delivery, the first page re-read every 10 s as the feed does after a
 * filter change) while the platform keeps sending. The baseline is the same server's
 * resident memory once started and idle, before any delivery.
 *
 * With --preseed N the first N deliveries are written before the server starts, through
 * the same receiver code in process (seed-through-receiver.ts), and the server receives
 * the rest over HTTP: on a shared two-core machine a million HTTP deliveries take an hour.
 * The preseeded deliveries get their payload search index and timeline steps built before
 * the server starts, as a server that had received them would have kept them; otherwise
 * the server would spend the run catching up on them, which no installation does. --seeded-db reuses such a database
 * (its preseeded count read from it; the file is copied, the original stays as it is).
 *
 *   npx tsx scripts/bench/memory.ts [--count 1000000] [--preseed 0] [--minutes 60] [--rate 20]
 *                                   [--seeded-db <file>]
 */
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { createParser } from "eventsource-parser";
import { parseArgs } from "node:util";
import { api, createEndpoint } from "../../tests/support/api";
import { startServer, TEST_ADMIN_TOKEN } from "../../tests/support/start-server";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../../lib/db/sqlite";
import { buildSearchIndex } from "../../lib/search/build-search-index";
import { keepTimelineIfBehind } from "./search-kept";
import { createBodyMaker, seedThroughReceiver } from "./seed-through-receiver";

export type MemoryFigures = {
  deliveries: number;
  preseeded: number;
  seed_seconds: number;
  feed_minutes: number;
  feed_rate_per_second: number;
  streamed: number;
  rss_idle_mb: number;
  rss_after_deliveries_mb: number;
  rss_peak_mb: number;
  /** When the peak was read: while deliveries arrived over HTTP, or with the feed open. */
  rss_peak_phase: "deliveries" | "feed";
  rss_end_mb: number;
};

/** Seeds `count` deliveries into `file` and builds their search index, server stopped. */
async function preseedDatabase(file: string, count: number) {
  await seedThroughReceiver({ file, count, hours: 24 });
  const db = openDatabase(file);
  try {
    buildSearchIndex(db);
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

/** A copy of a database seeded earlier, and how many deliveries it holds. */
function copySeeded(seeded: string, file: string): number {
  copyFileSync(seeded, file);
  for (const suffix of ["-wal", "-shm"]) {
    if (existsSync(seeded + suffix)) copyFileSync(seeded + suffix, file + suffix);
  }
  const db = openDatabase(file);
  try {
    return (db.prepare("SELECT count(*) AS n FROM deliveries").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Resident set size of a process in MB (VmRSS in /proc/<pid>/status; Linux). */
export function residentMb(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!line?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Math.round(Number(line[1]) / 1024);
}

/** Counts the messages of an SSE stream without keeping them. */
function countStream(url: string) {
  const controller = new AbortController();
  const state = { messages: 0, failed: null as Error | null };
  const done = fetch(url, {
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, accept: "text/event-stream" },
    signal: controller.signal,
  })
    .then(async (response) => {
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      const parser = createParser({ onEvent: () => state.messages++ });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    })
    .catch((error: unknown) => {
      if (!controller.signal.aborted) state.failed = error as Error;
    });
  return { state, close: () => (controller.abort(), done) };
}

async function sendAll(
  url: string,
  count: number,
  connections: number,
  makeBody: ReturnType<typeof createBodyMaker>,
) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const { headers, body } = makeBody(Date.now());
      const response = await fetch(url, { method: "POST", headers, body });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`receiver answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
}

export async function benchMemory(options: {
  count: number;
  preseed?: number;
  minutes: number;
  rate: number;
  connections?: number;
  seededDb?: string;
  onProgress?: (line: string) => void;
}): Promise<MemoryFigures> {
  const databaseFile = path.join(mkdtempSync(path.join(tmpdir(), "hooklens-memory-")), "h.db");
  let preseed = Math.min(options.preseed ?? 0, options.count);
  if (options.seededDb) preseed = copySeeded(options.seededDb, databaseFile);
  else if (preseed > 0) await preseedDatabase(databaseFile, preseed);
  if (preseed > 0) keepTimelineIfBehind(databaseFile, (line) => options.onProgress?.(line));
  // The per-endpoint rate limit would refuse a million at once; nothing else differs.
  const server = await startServer({ databaseFile, env: { HOOKLENS_RATE_LIMIT: "0" } });
  const pid = server.process.pid!;
  try {
    const endpoint = await createEndpoint(server.baseUrl);
    const idle = residentMb(pid);
    let peak = idle;
    let phase: MemoryFigures["rss_peak_phase"] = "deliveries";
    let peakPhase: MemoryFigures["rss_peak_phase"] = phase;
    const sample = () => {
      const now = residentMb(pid);
      if (now > peak) [peak, peakPhase] = [now, phase];
    };
    const sampler = setInterval(sample, 1000);
    const makeBody = createBodyMaker(19);
    const started = performance.now();
    const step = 50_000;
    for (let sent = preseed; sent < options.count; sent += step) {
      await sendAll(
        endpoint.receiver_url,
        Math.min(step, options.count - sent),
        options.connections ?? 8,
        makeBody,
      );
      options.onProgress?.(
        `${Math.min(sent + step, options.count)} sent, rss ${residentMb(pid)} MB`,
      );
    }
    const seedSeconds = (performance.now() - started) / 1000;
    const afterDeliveries = residentMb(pid);
    phase = "feed";

    const stream = countStream(`${server.baseUrl}/api/events/stream`);
    const feedEnds = Date.now() + options.minutes * 60_000;
    let lastPage = 0;
    while (Date.now() < feedEnds) {
      const second = Date.now();
      await sendAll(endpoint.receiver_url, options.rate, 1, makeBody);
      if (second - lastPage >= 10_000) {
        lastPage = second;
        await api(server.baseUrl, "/api/events?limit=50");
      }
      if (stream.state.failed) throw stream.state.failed;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, 1000 - (Date.now() - second))),
      );
    }
    await stream.close();
    clearInterval(sampler);
    sample();
    return {
      deliveries: options.count,
      preseeded: preseed,
      seed_seconds: Math.round(seedSeconds),
      feed_minutes: options.minutes,
      feed_rate_per_second: options.rate,
      streamed: stream.state.messages,
      rss_idle_mb: idle,
      rss_after_deliveries_mb: afterDeliveries,
      rss_peak_mb: peak,
      rss_peak_phase: peakPhase,
      rss_end_mb: residentMb(pid),
    };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "1000000" },
      preseed: { type: "string", default: "0" },
      minutes: { type: "string", default: "60" },
      rate: { type: "string", default: "20" },
      "seeded-db": { type: "string" },
    },
  });
  const figures = await benchMemory({
    count: Number(values.count),
    preseed: Number(values.preseed),
    minutes: Number(values.minutes),
    rate: Number(values.rate),
    seededDb: values["seeded-db"],
    onProgress: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  console.log(JSON.stringify(figures, null, 2));
}
