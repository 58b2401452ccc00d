/**
 * One round of the forwarding bench's ingest (32 connections, 2 s warm-up, 8 s load,
 * then the drain) with the server under `node --cpu-prof`, for reading where the
 * server's CPU goes: `npx tsx scripts/bench/forwarding-profile.ts <dir|-> [rules|none]`
 * (`-`: no profile, for the CPU figures alone, which the profiler inflates).
 * Prints each server thread's CPU during the load (main = the pid), the sink's and the
 * load generator's, and how many forwards were sent while the load ran.
 * Prints the monotonic times (µs, the profile's clock) around the load; they include
 * autocannon's set-up, which blocks this process for seconds: the writer's samples in
 * the profile show where the load really ran.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { startServer } from "../../tests/support/start-server";
import { servedTheApi, UNDONE } from "./forwarding";
import { createBenchRules } from "./forwarding-rounds";
import { runLoad } from "./load";
import { processCpuMs } from "./process-cpu";
import { startSink } from "./sink";
import { sampleCpu } from "./thread-cpu";

const [outDir = "/tmp/forwarding-profile", withRules = "rules"] = process.argv.slice(2);
const deliveries = [...generateLoadDeliveries({ seed: 15, count: 3000 })];
const sink = await startSink();
const dir = mkdtempSync(path.join(tmpdir(), "hooklens-bench-fwd-"));
const server = await startServer({
  databaseFile: path.join(dir, "hooklens.db"),
  env: { HOOKLENS_RATE_LIMIT: "0" },
  nodeArgs: outDir === "-" ? [] : ["--cpu-prof", `--cpu-prof-dir=${outDir}`],
});
const micros = () => Number(process.hrtime.bigint() / 1000n);
try {
  await servedTheApi(server.baseUrl);
  if (withRules === "rules") await createBenchRules(server.baseUrl, sink);
  const load = { url: server.receiverUrl, deliveries, connections: 32, durationSeconds: 2 };
  await runLoad(load);
  const cpu0 = processCpuMs(server.process.pid!);
  const sink0 = processCpuMs(sink.pid);
  const sampler = sampleCpu(server.process.pid!, sink.pid);
  const start = micros();
  const result = await runLoad({ ...load, durationSeconds: 8 });
  const end = micros();
  const loadEnd = Date.now();
  const cpu = processCpuMs(server.process.pid!) - cpu0;
  const sinkCpu = processCpuMs(sink.pid) - sink0;
  sampler.stop();
  // autocannon's clock starts before its set-up; the load is the last 8 s before the end.
  const duringLoad = sampler.between(loadEnd - 8000, loadEnd);
  if (process.env.PRINT_SAMPLES) console.log(JSON.stringify({ loadEnd, series: sampler.series() }));
  const db = new Database(server.databaseFile, { readonly: true });
  const sentDuringLoad = db
    .prepare("SELECT count(*) FROM forward_attempts WHERE created_at BETWEEN ? AND ?")
    .pluck()
    .get(loadEnd - 8000, loadEnd);
  const undone = db.prepare(UNDONE).pluck();
  const backlog = undone.get() as number;
  const stopped = performance.now();
  while ((undone.get() as number) > 0 && performance.now() - stopped < 120_000)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const drainMs = Math.round(performance.now() - stopped);
  const queued = db.prepare("SELECT count(*) FROM forward_jobs").pluck().get();
  db.close();
  console.log(
    JSON.stringify({
      rps: result.rps,
      ...{ cpu, sinkCpu, duringLoad, sentDuringLoad },
      ...{ backlog, queued, drainMs, start, end },
    }),
  );
} finally {
  await server.stop();
  sink.stop();
  rmSync(dir, { recursive: true, force: true });
}
