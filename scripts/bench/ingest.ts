/**
 * Ingest benchmark: the same load of realistic ~3 KB deliveries against Hooklens's
 * receiver (as `npm start` serves it) and against a bare node:http + one SQLite insert
 * per request baseline, in one run on this machine; and against the same bare server that
 * also parses each body and compresses what it keeps (bare-server.ts `parse-compress`),
 * which says how much of the gap is work no receiver that keeps what Hooklens keeps skips.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { freePort, ROOT, startServer } from "../../tests/support/start-server";
import { runLoad, type LoadResult } from "./load";
import { processCpuMs, untilIdle } from "./process-cpu";

/** Server CPU per delivery answered 200: while the load ran, and with the background
 *  work it left (payload index, timeline steps, rollups) done too. */
export type IngestCpu = { load_ms_per_delivery: number; with_background_ms_per_delivery: number };

export type IngestFigures = {
  hooklens: LoadResult;
  bare: LoadResult;
  parseCompress: LoadResult;
  cpu: { hooklens: IngestCpu; bare: IngestCpu; parseCompress: IngestCpu };
  meanBytes: number;
  durable: boolean;
  stored: number;
};

/** Starts a bare baseline server (bare-server.ts on a file, bare-postgres-server.ts on a
 *  database URL) on a free port and waits for its ready line. */
export async function spawnBare(script: string, target: string, extra: string[] = []) {
  const port = await freePort();
  const args = ["--import", "tsx", script, target, String(port), ...extra];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) =>
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes(" ready ") && resolve()),
  );
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export async function benchIngest(options: {
  seconds: number;
  connections: number;
}): Promise<IngestFigures> {
  const deliveries = [...generateLoadDeliveries({ seed: 8, count: 3000 })];
  const meanBytes =
    deliveries.reduce((sum, d) => sum + Buffer.byteLength(d.body), 0) / deliveries.length;
  const dir = mkdtempSync(path.join(tmpdir(), "hooklens-bench-"));

  // The per-endpoint rate limit (1000/s by default) would measure itself, not ingest.
  const server = await startServer({
    databaseFile: path.join(dir, "hooklens.db"),
    env: { HOOKLENS_RATE_LIMIT: "0" },
  });
  const warm = {
    url: server.receiverUrl,
    deliveries,
    connections: options.connections,
    durationSeconds: 2,
  };
  await runLoad(warm);
  const db = new Database(server.databaseFile, { readonly: true });
  const before = db.prepare("SELECT count(*) FROM deliveries").pluck().get() as number;
  await untilIdle(server.process.pid!);
  const hooklens = await measured(server.process.pid!, () =>
    runLoad({ ...warm, durationSeconds: options.seconds }),
  );
  const stored = (db.prepare("SELECT count(*) FROM deliveries").pluck().get() as number) - before;
  db.close();
  await server.stop();

  const loadBare = async (mode: "insert" | "parse-compress") => {
    const file = path.join(dir, `bare-${mode}.db`);
    const bareServer = await spawnBare("scripts/bench/bare-server.ts", file, [mode]);
    await runLoad({ ...warm, url: bareServer.url });
    await untilIdle(bareServer.pid);
    const figures = await measured(bareServer.pid, () =>
      runLoad({ ...warm, url: bareServer.url, durationSeconds: options.seconds }),
    );
    await bareServer.stop();
    return figures;
  };
  const bare = await loadBare("insert");
  const parseCompress = await loadBare("parse-compress");
  rmSync(dir, { recursive: true, force: true });
  // Every 200 must be a stored row (answers are sent only after the batch commits).
  return {
    hooklens: hooklens.result,
    bare: bare.result,
    parseCompress: parseCompress.result,
    cpu: { hooklens: hooklens.cpu, bare: bare.cpu, parseCompress: parseCompress.cpu },
    meanBytes,
    durable: stored >= hooklens.result.ok,
    stored,
  };
}

/** A load run with the server's CPU time over it, and until its background work is done. */
async function measured(pid: number, load: () => Promise<LoadResult>) {
  const start = processCpuMs(pid);
  const result = await load();
  const afterLoad = processCpuMs(pid);
  const idle = await untilIdle(pid);
  const per = (ms: number) => Math.round((ms / Math.max(1, result.ok)) * 1000) / 1000;
  return {
    result,
    cpu: {
      load_ms_per_delivery: per(afterLoad - start),
      with_background_ms_per_delivery: per(idle - start),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchIngest({
    seconds: Number(process.env.BENCH_SECONDS ?? 10),
    connections: 32,
  });
  console.log(JSON.stringify(figures, null, 2));
}
