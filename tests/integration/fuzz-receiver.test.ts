import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generateDeliveries } from "../../lib/simulator/generate-deliveries";
import { createRandom } from "../../lib/simulator/random";
import { api, createEndpoint, sendDelivery, type EndpointBody } from "../support/api";
import { listAllDeliveries } from "../support/deliveries";
import {
  hostileDelivery,
  oversizedDelivery,
  rawRequestBytes,
  type Expected,
  type HostileDelivery,
} from "../support/hostile-deliveries";
import { startOnEngine } from "../support/engine-database";
import { rawExchange } from "../support/raw-http";
import type { RunningServer } from "../support/start-server";

const HOSTILE = 10_000;
const VALID_EVERY = 3; // one valid delivery after every third hostile one
const OVERSIZED_EVERY = 800; // a 5 MB body now and then: 12 of them
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);

type Outcome = {
  label: string;
  expect: Expected & { resourceId?: string | null };
  status: number | null;
  id: number | null;
  /** Kept for the byte-exactness check of bodies that are easy to mangle. */
  sent?: string;
};
const EXACT = new Set(["huge numbers", "escaped NUL", "__proto__ and constructor keys"]);

let server: RunningServer;
let plain: EndpointBody;
let signed: EndpointBody;
beforeAll(async () => {
  // The rate limit would make answers depend on timing; it has its own test.
  server = await startOnEngine({ env: { HOOKLENS_RATE_LIMIT: "0" } });
  [plain, signed] = await Promise.all([
    createEndpoint(server.baseUrl),
    createEndpoint(server.baseUrl, { secret_key: "fuzz-secret" }),
  ]);
});
afterAll(() => server.stop());

function rssMegabytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) / 1024;
}

async function send(
  delivery: HostileDelivery,
): Promise<{ status: number | null; id: number | null }> {
  const token = { plain: plain.token, signed: signed.token, unknown: "no-such-receiver-token" }[
    delivery.target
  ];
  const path = `/api/hooks/${token}`;
  if (delivery.via === "raw") {
    const answer = await rawExchange(server.baseUrl, [rawRequestBytes(path, delivery)], {
      closeAfterResponse: true,
    });
    const id = /"id":(\d+)/.exec(answer.response)?.[1];
    return { status: answer.status, id: id ? Number(id) : null };
  }
  const answer = await sendDelivery(server.baseUrl + path, {
    headers: delivery.headers,
    body: new Uint8Array(delivery.body),
  });
  return { status: answer.status, id: typeof answer.body.id === "number" ? answer.body.id : null };
}

function* plan(): Generator<{
  label: string;
  expect: Outcome["expect"];
  delivery: HostileDelivery;
}> {
  const random = createRandom(SEED);
  const valid = generateDeliveries({ seed: SEED, count: Math.ceil(HOSTILE / VALID_EVERY) + 10 });
  for (let i = 1; i <= HOSTILE; i++) {
    const hostile = i % OVERSIZED_EVERY === 0 ? oversizedDelivery(5) : hostileDelivery(random);
    yield { label: hostile.label, expect: hostile.expect, delivery: hostile };
    if (i % VALID_EVERY === 0) {
      const next = valid.next().value!;
      const delivery: HostileDelivery = {
        label: "valid",
        via: "fetch",
        target: "plain",
        headers: Object.fromEntries(next.headers),
        body: Buffer.from(next.body),
        expect: { status: 200, stored: true },
      };
      yield {
        label: "valid",
        expect: {
          status: 200,
          stored: true,
          kind: next.expect.kind,
          resourceId: next.expect.resourceId,
        },
        delivery,
      };
    }
  }
}

it(`survives ${HOSTILE} hostile deliveries interleaved with valid ones, answers each as documented, keeps every valid one`, async () => {
  const pid = server.process.pid!;
  const rss: number[] = [rssMegabytes(pid)];
  const sampler = setInterval(() => rss.push(rssMegabytes(pid)), 100);
  const outcomes: Outcome[] = [];
  const queue = plan();
  const started = Date.now();
  try {
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let item = queue.next(); !item.done; item = queue.next()) {
          const { label, expect: expected, delivery } = item.value;
          const sent = EXACT.has(label) ? delivery.body.toString("utf8") : undefined;
          outcomes.push({ label, expect: expected, sent, ...(await send(delivery)) });
        }
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `fuzz: ${outcomes.length} requests in ${seconds.toFixed(1)} s; server RSS ${rss[0]!.toFixed(0)} MB at start, peak ${Math.max(...rss).toFixed(0)} MB, end ${rss.at(-1)!.toFixed(0)} MB`,
  );

  // Never crashed, still serving.
  expect(server.process.exitCode).toBeNull();
  expect((await api(server.baseUrl, "/api/events?limit=1")).status).toBe(200);
  // Memory stays bounded: the 5 MB bodies are refused before they are read.
  expect(Math.max(...rss)).toBeLessThan(rss[0]! + 300);

  // Each got its documented answer.
  const wrong = outcomes.filter((o) => o.status !== o.expect.status);
  expect(wrong.slice(0, 5), `${wrong.length} wrong answers`).toEqual([]);
  expect(outcomes.filter((o) => o.label !== "valid").length).toBe(HOSTILE);

  // What was answered with an id is stored, as the kind expected; nothing else is.
  const stored = [
    ...(await listAllDeliveries(server.baseUrl, plain.id)),
    ...(await listAllDeliveries(server.baseUrl, signed.id)),
  ];
  const byId = new Map(stored.map((d) => [d.id, d]));
  const kept = outcomes.filter((o) => o.expect.stored);
  expect(kept.every((o) => o.id !== null)).toBe(true);
  expect(stored.length).toBe(kept.length);
  const mismatched = kept.filter((o) => {
    const row = byId.get(o.id!);
    if (!row) return true;
    if (o.expect.kind && row.kind !== o.expect.kind) return true;
    return (
      o.expect.resourceId !== undefined &&
      o.expect.resourceId !== null &&
      row.resource_id !== o.expect.resourceId
    );
  });
  expect(mismatched.slice(0, 5), `${mismatched.length} stored wrongly`).toEqual([]);
  const valid = kept.filter((o) => o.label === "valid");
  expect(valid.length).toBeGreaterThan(3000);
  expect(valid.every((o) => byId.has(o.id!))).toBe(true);

  // Huge numbers, NUL escapes and __proto__ keys come back byte for byte.
  for (const outcome of outcomes.filter((o) => o.sent !== undefined).slice(0, 30)) {
    const { body } = await api<{ body: string }>(server.baseUrl, `/api/events/${outcome.id}`);
    expect(body.body, outcome.label).toBe(outcome.sent);
  }
}, 240_000);
