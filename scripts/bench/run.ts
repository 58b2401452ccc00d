/**
 * `npm run bench`: every performance figure Hooklens promises, each beside a baseline
 * measured in the same run on this machine, with its target.
 *   npm run bench -- [--only ingest,postgres,forwarding,storage,live,bodies,queries,postgres-queries,growth,search,memory] [--quick]
 * --quick shrinks every workload for a smoke run; the figures in BENCHMARKS.md are
 * from a full run.
 */
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startServer } from "../../tests/support/start-server";
import { benchBodies } from "./bodies";
import { benchForwarding } from "./forwarding";
import { forwardingRows } from "./forwarding-rows";
import { benchIngest } from "./ingest";
import { postgresIngestRows } from "./postgres-ingest-rows";
import { benchLive } from "./live";
import { benchMemory } from "./memory";
import { printReport, type Row } from "./print-report";
import { benchGrowth } from "./growth";
import { postgresQueryRows } from "./postgres-queries";
import { benchQueries, queryRows } from "./queries";
import { runSearchBench } from "./search-rows";
import { benchStorage } from "./storage";
import { benchTimeline, timelineRows } from "./timeline";

const { values } = parseArgs({
  options: { only: { type: "string" }, quick: { type: "boolean", default: false } },
});
const only = new Set(
  (
    values.only ??
    "ingest,postgres,forwarding,storage,live,bodies,queries,postgres-queries,growth,timeline,search,memory"
  ).split(","),
);
const quick = values.quick;
const rows: Row[] = [];
const report: Record<string, unknown> = {
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  at: new Date().toISOString(),
  quick,
};
const yes = (ok: boolean) => (ok ? "yes" : "NO");

if (only.has("ingest")) {
  const seconds = quick ? 3 : Number(process.env.BENCH_SECONDS ?? 15);
  const ingest = await benchIngest({ seconds, connections: 32 });
  report.ingest = ingest;
  const ratio = ingest.hooklens.rps / ingest.bare.rps;
  rows.push(
    {
      figure: `ingest deliveries/s (${Math.round(ingest.meanBytes)} B mean, 32 connections, ${seconds} s)`,
      value: String(Math.round(ingest.hooklens.rps)),
      baseline: `${Math.round(ingest.bare.rps)} bare node:http + 1 insert`,
      target: ">= 5000",
      met: yes(ingest.hooklens.rps >= 5000),
    },
    {
      figure: "ingest p50 / p99 latency ms",
      value: `${ingest.hooklens.p50} / ${ingest.hooklens.p99}`,
      baseline: `${ingest.bare.p50} / ${ingest.bare.p99}`,
      target: "p99 <= 50",
      met: yes(ingest.hooklens.p99 <= 50),
    },
    {
      figure: "ingest ratio receiver / bare",
      value: ratio.toFixed(2),
      baseline: "1.00",
      target: ">= 0.7",
      met: yes(ratio >= 0.7),
    },
    {
      figure: "server CPU ms per delivery, during the load / with its background work done",
      value: `${ingest.cpu.hooklens.load_ms_per_delivery} / ${ingest.cpu.hooklens.with_background_ms_per_delivery}`,
      baseline: `${ingest.cpu.bare.load_ms_per_delivery} / ${ingest.cpu.bare.with_background_ms_per_delivery} bare`,
      target: "<= 1.5x bare",
      met: yes(
        ingest.cpu.hooklens.with_background_ms_per_delivery <=
          1.5 * ingest.cpu.bare.with_background_ms_per_delivery,
      ),
    },
    {
      figure:
        "the least of it: bare + JSON.parse + zstd of headers and body, CPU ms per delivery (during / with background) and deliveries/s",
      value: `${ingest.cpu.parseCompress.load_ms_per_delivery} / ${ingest.cpu.parseCompress.with_background_ms_per_delivery}; ${Math.round(ingest.parseCompress.rps)}/s`,
      baseline: `${(ingest.cpu.parseCompress.with_background_ms_per_delivery / ingest.cpu.bare.with_background_ms_per_delivery).toFixed(2)}x bare's CPU`,
      target: "-",
      met: "-",
    },
    {
      figure: "answered 200 and stored",
      value: `${ingest.stored} stored / ${ingest.hooklens.ok} answered 200`,
      baseline: "-",
      target: "all",
      met: yes(ingest.durable),
    },
  );
}

if (only.has("postgres")) {
  const postgres = await postgresIngestRows(quick, yes);
  report.postgres_ingest = postgres.figures;
  rows.push(...postgres.rows);
}

if (only.has("forwarding")) {
  const seconds = quick ? 3 : Number(process.env.BENCH_SECONDS ?? 8);
  const forwarding = await benchForwarding({
    seconds,
    backlog: quick ? 500 : 3000,
    rounds: quick ? 1 : Number(process.env.BENCH_ROUNDS ?? 5),
  });
  report.forwarding = forwarding;
  rows.push(...forwardingRows(forwarding, seconds, yes));
}

if (only.has("storage") || only.has("live") || only.has("bodies")) {
  const server = await startServer();
  if (only.has("storage")) {
    const storage = await benchStorage(server.baseUrl, server.databaseFile, quick ? 2000 : 20_000);
    report.storage = storage;
    rows.push({
      figure: `storage bytes on disk per delivery (${storage.deliveries} deliveries)`,
      value: `${storage.disk_bytes_per_delivery} (${storage.ratio}x)`,
      baseline: `${storage.raw_bytes_per_delivery} raw body bytes`,
      target: "<= 0.6x",
      met: yes(storage.ratio <= 0.6),
    });
  }
  if (only.has("live")) {
    const live = await benchLive(server.baseUrl, quick ? 50 : 300);
    report.live = live;
    rows.push(
      {
        figure: "live: receiver answer -> SSE message, p50 / p95 ms",
        value: `${live.live_p50_ms} / ${live.live_p95_ms}`,
        baseline: `receiver round trip p95 ${live.receiver_round_trip_p95_ms}`,
        target: "p95 <= 500",
        met: yes(live.live_p95_ms <= 500),
      },
      {
        figure: "live: delivery sent -> SSE message, p95 ms",
        value: String(live.send_to_stream_p95_ms),
        baseline: `receiver round trip p95 ${live.receiver_round_trip_p95_ms}`,
        target: "p95 <= 500",
        met: yes(live.send_to_stream_p95_ms <= 500),
      },
    );
  }
  if (only.has("bodies")) {
    // Just under the receiver's cap (HOOKLENS_MAX_BODY_BYTES, 1 MiB) unless told.
    const bytes = Number(process.env.BENCH_BODY_BYTES ?? (quick ? 64 * 1024 : 1024 * 1024 - 1024));
    const bodies = await benchBodies(server.baseUrl, {
      pid: server.process.pid!,
      bytes,
      runs: quick ? 4 : 10,
    });
    report.bodies = bodies;
    const typical = bodies.shapes[0]!;
    for (const shape of bodies.shapes.slice(1)) {
      const kb = Math.round(shape.bytes / 1024);
      rows.push(
        {
          figure: `${shape.shape} body (${kb} KB): server CPU ms per KB, receive / timeline`,
          value: `${shape.receive_cpu_ms_per_kb} / ${shape.timeline_cpu_ms_per_kb} (${shape.receive_cpu_ratio}x / ${shape.timeline_cpu_ratio}x)`,
          baseline: `${typical.receive_cpu_ms_per_kb} / ${typical.timeline_cpu_ms_per_kb} typical ${Math.round(typical.bytes / 1024)} KB delivery`,
          target: "<= 5x",
          met: yes(Math.max(shape.receive_cpu_ratio, shape.timeline_cpu_ratio) <= 5),
        },
        {
          figure: `${shape.shape} body (${kb} KB): round trip ms per KB (p50), receive / timeline`,
          value: `${shape.receive_ms_per_kb} / ${shape.timeline_ms_per_kb} (${shape.receive_ratio}x / ${shape.timeline_ratio}x; longest receive ${shape.receive_max_ms} ms)`,
          baseline: `${typical.receive_ms_per_kb} / ${typical.timeline_ms_per_kb} typical`,
          target: "<= 5x",
          met: yes(Math.max(shape.receive_ratio, shape.timeline_ratio) <= 5),
        },
      );
    }
  }
  await server.stop();
}

if (only.has("queries")) {
  const count = quick ? 50_000 : Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
  const file = path.join(process.env.BENCH_DB_DIR ?? tmpdir(), `hooklens-bench-${count}.db`);
  const queries = await benchQueries({ file, count, runs: quick ? 10 : 40 });
  report.queries = queries;
  rows.push(...queryRows(count, queries, yes));
}

if (only.has("postgres-queries")) {
  const postgres = await postgresQueryRows(quick, yes);
  report.postgres_queries = postgres.figures;
  rows.push(...postgres.rows);
}

if (only.has("growth")) {
  const sizes = (
    process.env.BENCH_GROWTH_SIZES ?? (quick ? "10000,50000" : "100000,1000000,5000000")
  )
    .split(",")
    .map(Number);
  const dir = process.env.BENCH_DB_DIR ?? tmpdir();
  const growth = await benchGrowth({ dir, sizes, runs: quick ? 10 : 40 });
  report.growth = growth;
  for (const size of growth) rows.push(...queryRows(size.deliveries, size, yes));
}

if (only.has("timeline")) {
  const sizes = (process.env.BENCH_TIMELINE_SIZES ?? (quick ? "1000,5000" : "1000,20000,200000"))
    .split(",")
    .map(Number);
  const dir = process.env.BENCH_DB_DIR ?? tmpdir();
  const timeline = await benchTimeline({ dir, sizes, runs: quick ? 10 : 40 });
  report.timeline = timeline;
  rows.push(...timelineRows(timeline, yes));
}

if (only.has("search")) {
  const search = await runSearchBench(quick, yes);
  report.search = search.figures;
  rows.push(...search.rows);
}

if (only.has("memory")) {
  // A million deliveries, the last 100,000 of them received over HTTP, then an hour of an
  // open feed at 20 deliveries/s (scripts/bench/memory.ts).
  const count = quick ? 20_000 : Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
  const memory = await benchMemory({
    count,
    preseed: quick ? 10_000 : count - 100_000,
    minutes: quick ? 1 : 60,
    rate: 20,
  });
  report.memory = memory;
  rows.push({
    figure: `server resident memory after ${count.toLocaleString("en")} deliveries and ${memory.feed_minutes} min of an open feed (peak / end MB)`,
    value: `${memory.rss_peak_mb} (during ${memory.rss_peak_phase}) / ${memory.rss_end_mb}`,
    baseline: `${memory.rss_idle_mb} idle, before any delivery`,
    target: "< 400",
    met: yes(memory.rss_peak_mb < 400),
  });
}

printReport(rows, report, quick);
