/**
 * Issue 19, item 1: one resource's timeline opens in <= 150 ms p95, first open included,
 * whatever its history. For each size, a new database gets that many deliveries of one
 * server (a 3 KB load-mix update, its vmem_size, status and updated_at changing each
 * time, one in fifty a late snapshot, one in a hundred a re-send) through the receiver's
 * own write path (receiveDelivery, in process, as seed-through-receiver.ts does). The
 * timeline keeper then keeps their steps, timed (what a server does at start for a
 * database it never kept), and the payload index and stats rollups are built. A fresh
 * server, once its start-up work is done (its CPU time stops growing), answers one
 * request for another resource (the route's first load), then opens the timeline (first
 * open: nothing of it cached) and again `runs` times, beside GET /api/endpoints on the
 * same server. Old steps are probed too: the oldest window, state at the first step and
 * a compare of the first and last steps. One delivery in ten comes from a second endpoint,
 * as when two robots subscribe to the same events, so the timeline filtered to the first
 * endpoint (nine in ten) is probed as well: each endpoint's own kept steps.
 *
 *   npm run bench -- --only timeline   (BENCH_TIMELINE_SIZES=1000,20000,200000)
 */
import { existsSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { api } from "../../tests/support/api";
import { startServer } from "../../tests/support/start-server";
import { processCpuMs, untilIdle } from "./process-cpu";
import { percentile, round, timeRuns } from "./stats";
import { seedTimeline } from "./timeline-seed";

export async function benchTimeline(options: { dir: string; sizes: number[]; runs: number }) {
  const figures = [];
  for (const count of options.sizes) {
    const file = path.join(options.dir, `hooklens-bench-timeline-${count}.db`);
    const seeded = await seedTimeline(file, count);
    const server = await startServer({ databaseFile: file, env: { HOOKLENS_RATE_LIMIT: "0" } });
    try {
      await untilIdle(server.process.pid!);
      const load = loadavg().map((value) => round(value, 2));
      const base = `/api/resources/${seeded.resource.type}/${encodeURIComponent(seeded.resource.id)}`;
      const get = async (pathname: string) => {
        const started = performance.now();
        const answer = await api<{ events?: unknown[] }>(server.baseUrl, pathname);
        if (answer.status !== 200) throw new Error(`${pathname} answered ${answer.status}`);
        return performance.now() - started;
      };
      const pid = server.process.pid!;
      const coldProcess = await get(`/api/resources/${seeded.resource.type}/warm-up-server`);
      const openCpu = processCpuMs(pid);
      const firstOpen = await get(base);
      const opens = [firstOpen, ...(await timeRuns(() => get(base), options.runs - 1, 0))];
      const openCpuMs = (processCpuMs(pid) - openCpu) / options.runs;
      // The server's CPU time per request: on two shared cores, waiting for one inflates
      // the clock, not the work.
      const measure = async (pathname: string) => {
        const cpu = processCpuMs(pid);
        const samples = await timeRuns(() => get(pathname), options.runs);
        return {
          p50_ms: round(percentile(samples, 50), 2),
          p95_ms: round(percentile(samples, 95), 2),
          cpu_ms: round((processCpuMs(pid) - cpu) / (options.runs + 3), 1),
        };
      };
      const baseline = await measure("/api/endpoints");
      const filteredFirst = await get(`${base}?endpoint=${seeded.endpoint}`);
      const { first, last } = seeded.ids;
      figures.push({
        deliveries: count,
        load,
        seed_seconds: round(seeded.seedSeconds, 1),
        keep_seconds: round(seeded.keepSeconds, 1),
        kept_per_second: Math.round(count / seeded.keepSeconds),
        baseline,
        cold_process_first_request_ms: round(coldProcess, 2),
        first_open_ms: round(firstOpen, 2),
        open: {
          p50_ms: round(percentile(opens, 50), 2),
          p95_ms: round(percentile(opens, 95), 2),
          cpu_ms: round(openCpuMs, 1),
        },
        oldest_window: await measure(`${base}?before=${first + 250}`),
        state_at_first: await measure(`${base}/state?at=${first}`),
        compare_first_last: await measure(`${base}/compare?from=${first}&to=${last}`),
        filtered_first_open_ms: round(filteredFirst, 2),
        filtered: await measure(`${base}?endpoint=${seeded.endpoint}`),
        load_after: loadavg().map((value) => round(value, 2)),
      });
    } finally {
      await server.stop();
      if (!process.env.BENCH_KEEP_DB && existsSync(file))
        for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
  }
  return figures;
}

const TARGET_MS = 150;

/** The table's rows: each figure beside GET /api/endpoints on the same server. */
export function timelineRows(
  figures: Awaited<ReturnType<typeof benchTimeline>>,
  yes: (ok: boolean) => string,
) {
  return figures.flatMap((size) => {
    const n = size.deliveries.toLocaleString("en");
    const { p50_ms, p95_ms, cpu_ms } = size.baseline;
    const baseline = `${p50_ms} / ${p95_ms}, ${cpu_ms} GET /api/endpoints (load ${size.load.join(" ")})`;
    const row = (figure: string, p: { p50_ms: number; p95_ms: number; cpu_ms: number }) => ({
      figure: `${figure}, ${n} deliveries (p50 / p95 ms, server CPU ms each)`,
      value: `${p.p50_ms} / ${p.p95_ms}, ${p.cpu_ms}`,
      baseline,
      target: `p95 <= ${TARGET_MS}`,
      met: yes(p.p95_ms <= TARGET_MS),
    });
    return [
      {
        figure: `timeline first open, ${n} deliveries (ms)`,
        value: String(size.first_open_ms),
        baseline,
        target: `<= ${TARGET_MS}`,
        met: yes(size.first_open_ms <= TARGET_MS),
      },
      row("timeline open, first included", size.open),
      row("oldest window", size.oldest_window),
      row("state at the first step", size.state_at_first),
      row("compare first and last step", size.compare_first_last),
      {
        figure: `timeline filtered to the endpoint sending 9 in 10, first open, ${n} deliveries (ms)`,
        value: String(size.filtered_first_open_ms),
        baseline,
        target: `<= ${TARGET_MS}`,
        met: yes(size.filtered_first_open_ms <= TARGET_MS),
      },
      row("timeline filtered to that endpoint", size.filtered),
      {
        figure: `a fresh server's first timeline request (1 delivery), beside ${n} (ms)`,
        value: String(size.cold_process_first_request_ms),
        baseline,
        target: "-",
        met: "-",
      },
      {
        figure: `steps kept by the background keeper, ${n} deliveries (per s)`,
        value: String(size.kept_per_second),
        baseline: `seeded in ${size.seed_seconds} s through the receiver's write path`,
        target: "-",
        met: "-",
      },
    ];
  });
}
