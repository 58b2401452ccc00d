/**
 * Forwarding benchmarks, each against a baseline measured in the same run:
 * - ingest with three enabled rules (sending to a local sink while the load runs) against
 *   the same ingest with no rule, each on a fresh database;
 * - forwarding throughput: a backlog queued while its rule is paused, then resumed, timed
 *   until every job is delivered, against the same bodies POSTed straight to the sink
 *   with the same concurrency and no keep-alive (as the sender sends).
 */
import { request as httpRequest } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { api } from "../../tests/support/api";
import { startForwardSink } from "../../tests/support/forward-sink";
import { createRule } from "../../tests/support/forwards";
import { startServer } from "../../tests/support/start-server";
import { runLoad, type LoadResult } from "./load";

export type ForwardingFigures = {
  ingestWithoutRules: LoadResult;
  ingestWithRules: LoadResult;
  /** with / without, per round; the figures above are the median round's. */
  ratios: number[];
  queuedWithRules: number;
  backlog: number;
  forwardedPerSecond: number;
  directPerSecond: number;
  concurrency: number;
};

type Delivery = { headers: Array<[string, string]>; body: string };

async function ingest(
  deliveries: Delivery[],
  seconds: number,
  rules: (base: string) => Promise<void>,
) {
  const dir = mkdtempSync(path.join(tmpdir(), "hooklens-bench-fwd-"));
  const server = await startServer({
    databaseFile: path.join(dir, "hooklens.db"),
    env: { HOOKLENS_RATE_LIMIT: "0" },
  });
  try {
    await rules(server.baseUrl);
    const load = { url: server.receiverUrl, deliveries, connections: 32, durationSeconds: 2 };
    await runLoad(load);
    const result = await runLoad({ ...load, durationSeconds: seconds });
    const db = new Database(server.databaseFile, { readonly: true });
    const queued = db.prepare("SELECT count(*) FROM forward_jobs").pluck().get() as number;
    db.close();
    return { result, queued };
  } finally {
    await server.stop();
  }
}

function postDirect(url: URL, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json" },
    });
    req.on("response", (res) => res.resume().on("end", resolve));
    req.on("error", reject);
    req.end(body);
  });
}

async function directRate(url: string, deliveries: Delivery[], count: number, concurrency: number) {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count)
        await postDirect(new URL(url), deliveries[next++ % deliveries.length]!.body);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

async function throughput(
  deliveries: Delivery[],
  backlog: number,
  sinkUrl: string,
  concurrency: number,
) {
  const dir = mkdtempSync(path.join(tmpdir(), "hooklens-bench-fwd-"));
  const server = await startServer({
    databaseFile: path.join(dir, "hooklens.db"),
    env: { HOOKLENS_RATE_LIMIT: "0" },
  });
  try {
    const rule = await createRule(server.baseUrl, { url: sinkUrl, concurrency });
    await api(server.baseUrl, `/api/forwards/${rule.id}/pause`, { method: "POST" });
    for (let sent = 0; sent < backlog; sent += 50) {
      await Promise.all(
        deliveries.slice(sent, sent + 50).map((delivery) =>
          fetch(server.receiverUrl, {
            method: "POST",
            headers: delivery.headers,
            body: delivery.body,
          }).then((r) => r.text()),
        ),
      );
    }
    const db = new Database(server.databaseFile, { readonly: true });
    const delivered = db
      .prepare("SELECT count(*) FROM forward_jobs WHERE state = 'delivered'")
      .pluck();
    const started = performance.now();
    await api(server.baseUrl, `/api/forwards/${rule.id}/resume`, { method: "POST" });
    while ((delivered.get() as number) < backlog)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const rate = backlog / ((performance.now() - started) / 1000);
    db.close();
    return rate;
  } finally {
    await server.stop();
  }
}

type Round = Awaited<ReturnType<typeof ingest>>;

export async function benchForwarding(options: {
  seconds: number;
  backlog: number;
  rounds: number;
}): Promise<ForwardingFigures> {
  const deliveries = [
    ...generateLoadDeliveries({ seed: 15, count: Math.max(3000, options.backlog) }),
  ];
  const sink = await startForwardSink();
  sink.respond(() => ({}));
  try {
    const rules = async (base: string) => {
      await createRule(base, {
        name: "servers",
        url: sink.url("/servers"),
        filter: { resource_type: "server" },
      });
      await createRule(base, {
        name: "failures",
        url: sink.url("/failures"),
        filter: { result: "failed" },
      });
      await createRule(base, {
        name: "chat",
        url: sink.url("/chat"),
        mode: "message",
        chat: "slack",
        filter: { action: "delete,create" },
      });
    };
    // Rounds in turn, without then with: on a shared two-core machine one pair swings by
    // 30% either way, so the ratio is the median of the rounds' ratios.
    const rounds: Array<{ without: Round; with: Round }> = [];
    for (let round = 0; round < options.rounds; round++) {
      rounds.push({
        without: await ingest(deliveries, options.seconds, async () => {}),
        with: await ingest(deliveries, options.seconds, rules),
      });
    }
    const ratios = rounds.map((round) => round.with.result.rps / round.without.result.rps);
    const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
    const middle = rounds[ratios.indexOf(median)]!;
    const without = middle.without;
    const withRules = middle.with;
    sink.requests.length = 0;
    const concurrency = 4;
    const forwardedPerSecond = await throughput(
      deliveries,
      options.backlog,
      sink.url("/backlog"),
      concurrency,
    );
    const directPerSecond = await directRate(
      sink.url("/direct"),
      deliveries,
      options.backlog,
      concurrency,
    );
    return {
      ingestWithoutRules: without.result,
      ingestWithRules: withRules.result,
      ratios,
      queuedWithRules: withRules.queued,
      backlog: options.backlog,
      forwardedPerSecond,
      directPerSecond,
      concurrency,
    };
  } finally {
    await sink.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchForwarding({
    seconds: Number(process.env.BENCH_SECONDS ?? 10),
    backlog: 3000,
    rounds: 3,
  });
  console.log(JSON.stringify(figures, null, 2));
}
