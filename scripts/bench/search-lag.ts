/**
 * How far the payload index trails live traffic (issue 16: caught up within a second at
 * 1,000 deliveries/s). The load is open: `rate` deliveries/s are offered on a fixed
 * schedule whether or not earlier ones were answered (a closed loop would slow down with
 * the server and measure it at saturation instead), over keep-alive connections from
 * node:http (cheaper for the load generator than fetch). Per delivery, the lag is the
 * time from its 200 to the first look that finds the index's watermark past its id; the
 * watermark is read from the database file every LOOK_MS by a read-only connection in
 * this process, so that measuring costs the server nothing. Lags are rounded up by up to
 * LOOK_MS, never down. Searches do not wait for the index (deliveries past its watermark
 * are read from their bodies): the lag is how long a delivery is found the slow way.
 *
 * A warm-up (`warmupSeconds`) first sends at the same rate, unmeasured, and the measured
 * seconds follow it without a pause: a server fresh from its start answers its first
 * seconds at 1,000/s slowly (its JIT, its statements, its first page cache), queues, and
 * the queue's drain would be measured as the index's lag. What is measured is the steady
 * rate, as the platform's traffic is; a backlog left from the warm-up still shows.
 *
 * Alone: `npx tsx scripts/bench/search-lag.ts [--db file] [--rate 1000] [--seconds 15]
 * [--warmup 5] [--index off]` (a fresh database unless --db; after `npm run build`); with
 * the index off it measures what the receiver alone costs at that rate.
 */
import { Agent, request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { startServer, type RunningServer } from "../../tests/support/start-server";
import { processCpuMs } from "./process-cpu";
import { percentile, round } from "./stats";

const TICK_MS = 10;
const LOOK_MS = 10;
/** Requests open at once past which the schedule's sends are counted as not offered. */
const MAX_OPEN = 2000;
/** How long after the last send the index may take to cover the rest (counted apart). */
const GIVE_UP_MS = 60_000;

type Delivery = { headers: Array<[string, string]>; body: string };

function post(url: URL, agent: Agent, delivery: Delivery): Promise<number | null> {
  const body = Buffer.from(delivery.body);
  // A raw header list gets no defaults from node:http: Host and Content-Length go here.
  const headers = [
    ...["Host", url.host, "Content-Length", String(body.length)],
    ...delivery.headers.flat(),
  ];
  return new Promise((resolve) => {
    const req = request(url, { method: "POST", agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        if (res.statusCode !== 200) return resolve(null);
        resolve((JSON.parse(Buffer.concat(chunks).toString()) as { id: number }).id);
      });
    });
    req.on("error", () => resolve(null));
    req.end(body);
  });
}

export type LagFigures = {
  offered_per_second: number;
  answered_per_second: number;
  not_offered: number;
  failed: number;
  /** Answered but not indexed GIVE_UP_MS after the last send (all of them, index off). */
  not_indexed: number;
  answer_p50_ms: number;
  answer_p99_ms: number;
  lag_p50_ms: number;
  lag_p95_ms: number;
  lag_max_ms: number;
  server_cpu_ms_per_s: number;
  /** This process (the load and the measuring), to tell a starved load generator. */
  load_generator_cpu_ms_per_s: number;
  /** The receiver answered what was offered without queueing (the lag target's premise:
   *  within a second while the receiver keeps up): every send offered, 98% of the rate
   *  answered, answer p99 within RECEIVER_P99_MS. */
  receiver_kept_up: boolean;
};

/** Answers slower than this at p99 mean requests queued in the server: it did not keep up. */
const RECEIVER_P99_MS = 1000;

export async function measureLag(
  server: RunningServer,
  options: {
    rate: number;
    seconds: number;
    warmupSeconds?: number;
    seed?: number;
    index?: boolean;
  },
): Promise<LagFigures> {
  const deliveries = [...generateLoadDeliveries({ seed: options.seed ?? 61, count: 5000 })];
  const url = new URL(server.receiverUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const db = new Database(server.databaseFile, { readonly: true, fileMustExist: true });
  const watermark = db
    .prepare("SELECT coalesce(max(indexed_through), 0) FROM search_index_state")
    .pluck();
  const waiting: Array<{ id: number; at: number }> = [];
  const lags: number[] = [];
  const answers: number[] = [];
  let open = 0;
  let notOffered = 0;
  let failed = 0;
  let sending = true;
  let stoppedAt = Number.POSITIVE_INFINITY;
  const look = (async () => {
    if (options.index === false) return;
    while (sending || open > 0 || waiting.length > 0) {
      if (performance.now() - stoppedAt > GIVE_UP_MS) break;
      const through = watermark.get() as number;
      const now = performance.now();
      for (let i = waiting.length - 1; i >= 0; i--) {
        if (waiting[i]!.id <= through) {
          lags.push(now - waiting[i]!.at);
          waiting.splice(i, 1);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, LOOK_MS));
    }
  })();
  const perTick = (options.rate * TICK_MS) / 1000;
  const warmupTicks = ((options.warmupSeconds ?? 0) * 1000) / TICK_MS;
  const ticks = warmupTicks + (options.seconds * 1000) / TICK_MS;
  const scheduled = performance.now();
  let cpuBefore = 0;
  let ownBefore = process.cpuUsage();
  let started = scheduled;
  let next = 0;
  let measuredFrom = 0;
  for (let tick = 0; tick < ticks; tick++) {
    const due = scheduled + tick * TICK_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    if (tick === warmupTicks) {
      cpuBefore = processCpuMs(server.process.pid!);
      ownBefore = process.cpuUsage();
      started = performance.now();
      measuredFrom = next;
    }
    const measured = tick >= warmupTicks;
    for (let i = 0; i < perTick; i++) {
      if (open >= MAX_OPEN) {
        if (measured) notOffered++;
        continue;
      }
      open++;
      const sent = performance.now();
      void post(url, agent, deliveries[next++ % deliveries.length]!).then((id) => {
        open--;
        if (!measured) return;
        const at = performance.now();
        answers.push(at - sent);
        if (id === null) failed++;
        else if (options.index !== false) waiting.push({ id, at });
      });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = processCpuMs(server.process.pid!) - cpuBefore;
  const own = process.cpuUsage(ownBefore);
  sending = false;
  stoppedAt = performance.now();
  await look;
  agent.destroy();
  db.close();
  const offered = (next - measuredFrom + notOffered) / seconds;
  const answerP99 = round(percentile(answers, 99), 1);
  return {
    offered_per_second: Math.round(offered),
    answered_per_second: Math.round(answers.length / seconds),
    not_offered: notOffered,
    failed,
    not_indexed: waiting.length,
    answer_p50_ms: round(percentile(answers, 50), 1),
    answer_p99_ms: answerP99,
    lag_p50_ms: round(percentile(lags, 50), 0),
    lag_p95_ms: round(percentile(lags, 95), 0),
    lag_max_ms: round(Math.max(...lags), 0),
    server_cpu_ms_per_s: Math.round(cpuMs / seconds),
    load_generator_cpu_ms_per_s: Math.round((own.user + own.system) / 1000 / seconds),
    receiver_kept_up:
      notOffered === 0 &&
      answers.length / seconds >= 0.98 * offered &&
      answerP99 <= RECEIVER_P99_MS,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      rate: { type: "string", default: "1000" },
      seconds: { type: "string", default: "15" },
      warmup: { type: "string", default: "0" },
      index: { type: "string", default: "on" },
    },
  });
  const dir = values.db ? null : mkdtempSync(path.join(tmpdir(), "hooklens-bench-lag-"));
  const server = await startServer({
    databaseFile: values.db ?? path.join(dir!, "hooklens.db"),
    env: { HOOKLENS_RATE_LIMIT: "0", HOOKLENS_SEARCH_INDEX: values.index },
  });
  try {
    const figures = await measureLag(server, {
      rate: Number(values.rate),
      seconds: Number(values.seconds),
      warmupSeconds: Number(values.warmup),
      index: values.index !== "off",
    });
    console.log(JSON.stringify(figures, null, 2));
  } finally {
    await server.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
