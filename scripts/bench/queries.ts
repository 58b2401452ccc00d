/**
 * Query latency on a database of a million deliveries, through the real server's API,
 * against the baseline of the cheapest API route on the same server.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { apiText, createEndpoint } from "../../tests/support/api";
import { ROOT, startServer } from "../../tests/support/start-server";
import { buildIndexIfMissing, keepTimelineIfBehind, untilIndexed } from "./search-kept";
import { untilIdle } from "./process-cpu";
import { percentile, round, timeRuns } from "./stats";
import type { Row } from "./print-report";

/** A database of `count` deliveries in `file`, kept between runs, with its payload search
 *  index and timeline steps built as a server that had received them would have kept them
 *  (else the server would spend the measured queries catching up). */
export function seedDatabase(file: string, count: number) {
  if (!existsSync(file)) seedRows(file, count);
  const log = (line: string) => console.error(`queries: ${line}`);
  buildIndexIfMissing(file, log);
  keepTimelineIfBehind(file, log);
}

function seedRows(file: string, count: number) {
  execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/seed-deliveries.ts",
      "--db",
      file,
      "--count",
      String(count),
      "--hours",
      "168",
      "--contents",
    ],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
}

type Probe = { name: string; path: string; target_ms: number; runs?: number };

/**
 * The seeded rows carry small placeholder bodies; a timeline reads every body, so its
 * resource gets 1,000 real ~3 KB deliveries (created, then changed 999 times) through
 * the receiver, on top of the million.
 */
async function sendTimeline(receiverUrl: string) {
  // A server (the largest deliveries), new each run so that runs never add up.
  const options = (seed: number) => ({
    seed,
    count: 1000,
    poolSize: 1,
    startAt: Date.now() - 3_600_000,
  });
  let seed = Date.now() % 1_000_000;
  while (
    !generateLoadDeliveries({ ...options(seed), count: 1 })
      .next()
      .value?.body.includes('"resource_type":"server"')
  )
    seed++;
  const deliveries = [...generateLoadDeliveries(options(seed))];
  for (let i = 0; i < deliveries.length; i += 50) {
    await Promise.all(
      deliveries.slice(i, i + 50).map(async (delivery) => {
        const response = await fetch(receiverUrl, {
          method: "POST",
          headers: delivery.headers,
          body: delivery.body,
        });
        if (response.status !== 200)
          throw new Error(`timeline delivery answered ${response.status}`);
      }),
    );
  }
  const first = JSON.parse(deliveries[0]!.body) as {
    resource_type: string;
    resource_details: { id: string };
  };
  return { type: first.resource_type, id: first.resource_details.id, n: deliveries.length };
}

function pickProbes(
  file: string,
  resource: { type: string; id: string; n: number },
  exportRows: number | null,
): Probe[] {
  const db = new Database(file, { readonly: true });
  // The export probe's window: from the exportRows-th newest delivery on.
  const exportSince = exportRows
    ? (db
        .prepare("SELECT received_at FROM deliveries ORDER BY id DESC LIMIT 1 OFFSET ?")
        .pluck()
        .get(exportRows - 1) as number | undefined)
    : undefined;
  const name = db
    .prepare(
      "SELECT resource_name FROM deliveries WHERE resource_name IS NOT NULL ORDER BY id DESC LIMIT 1",
    )
    .pluck()
    .get() as string;
  const newest = db.prepare("SELECT max(received_at) FROM deliveries").pluck().get() as number;
  db.close();
  const since = new Date(newest - 24 * 3_600_000).toISOString();
  const until = new Date(newest + 1).toISOString();
  const exportProbe: Probe[] =
    exportRows && exportSince !== undefined
      ? [
          {
            name: `export of the newest ${exportRows.toLocaleString("en")} (NDJSON, whole download)`,
            path: `/api/events/export?format=ndjson&since=${new Date(exportSince).toISOString()}`,
            target_ms: Number.NaN,
            runs: 5,
          },
        ]
      : [];
  return [
    { name: "feed first page, unfiltered", path: "/api/events?limit=50", target_ms: 50 },
    {
      name: "feed first page, resource_type+action",
      path: "/api/events?resource_type=server&action=update&limit=50",
      target_ms: 50,
    },
    {
      name: `timeline of ${resource.type} with ${resource.n} deliveries`,
      path: `/api/resources/${resource.type}/${encodeURIComponent(resource.id)}`,
      target_ms: 150,
    },
    {
      name: "stats, 24 h by hour and action",
      path: `/api/stats?since=${since}&until=${until}&bucket=hour&group_by=action`,
      target_ms: 300,
    },
    {
      // Payload search's target (issue 16): the index answers both, found or not.
      name: "text search (first page)",
      path: `/api/events?q=${encodeURIComponent(name.slice(0, 6))}&limit=50`,
      target_ms: 50,
    },
    {
      name: "text search matching nothing",
      path: "/api/events?q=no-such-text-anywhere&limit=50",
      target_ms: 50,
    },
    ...exportProbe,
  ];
}

export async function benchQueries(options: {
  file: string;
  count: number;
  runs: number;
  /** Adds an export probe of this many rows (the cost-growth table's). */
  exportRows?: number;
  /** The server's database instead of the file (postgres-queries.ts: a copy of it). */
  databaseUrl?: string;
}) {
  seedDatabase(options.file, options.count);
  const server = await startServer({
    databaseFile: options.file,
    env: {
      HOOKLENS_RATE_LIMIT: "0",
      ...(options.databaseUrl
        ? { DATABASE_URL: options.databaseUrl, HOOKLENS_POSTGRES_UNFINISHED: "1" }
        : {}),
    },
  });
  try {
    const endpoint = await createEndpoint(server.baseUrl);
    const probes = pickProbes(
      options.file,
      await sendTimeline(endpoint.receiver_url),
      options.exportRows ?? null,
    );
    // The timeline's deliveries just sent (and, on a seeded database, the server's start-up
    // work: the dictionary learned, rollups) are the background jobs' until they are done:
    // the queries are timed on a server at rest, as the timeline bench's are.
    await untilIdle(server.process.pid!);
    // On PostgreSQL the index is the server's to build (SQLite's was built with the seed):
    // searches are timed once it has caught up, as a server that received them would be.
    console.error(`queries: search index caught up in ${await untilIndexed(server.baseUrl)} s`);
    const measure = async (path: string, runs = options.runs) => {
      const samples = await timeRuns(
        async () => {
          // Read whole, not parsed: the export is NDJSON, and the figure is the server's.
          const answer = await apiText(server.baseUrl, path);
          if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
        },
        runs,
        Math.min(3, runs),
      );
      return {
        p50_ms: round(percentile(samples, 50), 2),
        p95_ms: round(percentile(samples, 95), 2),
      };
    };
    const baseline = await measure("/api/endpoints");
    const results = [];
    for (const probe of probes) {
      try {
        results.push({ ...probe, ...(await measure(probe.path, probe.runs)) });
      } catch (error) {
        results.push({ ...probe, p50_ms: Number.NaN, p95_ms: Number.NaN, error: String(error) });
      }
    }
    return { baseline: { name: "baseline: GET /api/endpoints", ...baseline }, results };
  } finally {
    await server.stop();
  }
}

/** The queries bench's figures as rows of `npm run bench`'s table. */
export function queryRows(
  count: number,
  queries: Awaited<ReturnType<typeof benchQueries>>,
  yes: (ok: boolean) => string,
): Row[] {
  const { baseline } = queries;
  return queries.results.map((result) => ({
    figure: `${result.name} at ${count.toLocaleString("en")} deliveries, p50 / p95 ms`,
    value:
      "error" in result ? `error: ${String(result.error)}` : `${result.p50_ms} / ${result.p95_ms}`,
    baseline: `${baseline.p50_ms} / ${baseline.p95_ms} (${baseline.name.replace("baseline: ", "")})`,
    target: Number.isNaN(result.target_ms) ? "-" : `p95 <= ${result.target_ms}`,
    met: Number.isNaN(result.target_ms) ? "-" : yes(result.p95_ms <= result.target_ms),
  }));
}
