/**
 * A database of a million realistic deliveries, written the way the server writes them:
 * every delivery goes through lib/ingest's receiveDelivery (classification, redaction,
 * zstd with the stored dictionary, the group-commit DeliveryWriter and its forwarding
 * step), in process, without HTTP, so that no hand-written SQL can drift from what the
 * receiver stores. Only the bytes are cheap: a few thousand simulated Cloudpods
 * deliveries (the load mix and the simulator's full variety: every resource type,
 * releases, template text, alerts, validations, re-sends) are rendered once, and each
 * seeded delivery takes one with its own resource (a skewed pool: hot resources and a
 * long tail), timestamps and addresses written in, so that values vary as on a platform.
 *
 *   npx tsx scripts/bench/seed-through-receiver.ts --db /tmp/x.db [--count 1000000] [--hours 168]
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations } from "../../lib/db/apply-migrations";
import { openDatabase } from "../../lib/db/sqlite";
import { ensureDefaultEndpointSqlite as ensureDefaultEndpoint } from "../../lib/db/queries/default-endpoint";
import { sqliteReceivingStore } from "../../lib/db/queries/receiving";
import { createIngestContext } from "../../lib/ingest/ingest-context";
import { receiveDelivery } from "../../lib/ingest/receive-delivery";
import type { SimulatedDelivery } from "../../lib/simulator/delivery-expectation";
import { generateDeliveries } from "../../lib/simulator/generate-deliveries";
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import { createRandom } from "../../lib/simulator/random";
import { refreshRollupsSqlite } from "../../lib/db/queries/stats-rollups";

type Template = {
  headers: Array<[string, string]>;
  body: string;
  type: string | null;
  id: string | null;
  name: string | null;
  addresses: string[];
};

/** Resources per type in the pool: a platform of some tens of thousands of resources. */
const POOL = 20_000;
/** Deliveries received at once: the writer commits them as one batch (its maximum). */
const CONCURRENT = 512;

function templateOf(delivery: SimulatedDelivery): Template {
  const { expect } = delivery;
  const id = expect.resourceId ?? expect.subjectId;
  return {
    // The bytes change, so a signature could not hold: the bench endpoint has no secret.
    headers: delivery.headers.filter(([name]) => name.toLowerCase() !== "x-auth-token"),
    body: delivery.body,
    type: expect.resourceType,
    id: id && id.length >= 8 ? id : null,
    name: expect.resourceName && expect.resourceName.length >= 5 ? expect.resourceName : null,
    addresses: [...new Set(delivery.body.match(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g) ?? [])],
  };
}

function renderTemplates(): Template[] {
  return [
    ...[...generateLoadDeliveries({ seed: 5, count: 3000, poolSize: 2000 })].map(templateOf),
    ...[...generateDeliveries({ seed: 6, count: 2000, release: "mixed", alertShare: 0.03 })].map(
      templateOf,
    ),
  ];
}

function uuidOf(key: string): string {
  const hex = createHash("md5").update(key).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Delivery bytes: a template with its own resource, time and addresses. */
export function createBodyMaker(seed: number) {
  const templates = renderTemplates();
  const random = createRandom(seed);
  const octet = () => random.int(1, 254);
  return (receivedAt: number) => {
    const template = random.pick(templates);
    let body = template.body;
    if (template.type && template.id) {
      // Cubing a uniform draw skews towards low indexes: a few hot resources, a long tail.
      const index = Math.floor(POOL * random.next() ** 3);
      body = body.replaceAll(template.id, uuidOf(`${template.type}:${index}`));
      if (template.name) {
        body = body.replaceAll(template.name, `${template.name.replace(/-\w+$/, "")}-${index}`);
      }
    }
    const at = new Date(receivedAt).toISOString().replace("Z", "000Z");
    body = body.replaceAll(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/g, at);
    for (const address of template.addresses) {
      body = body.replaceAll(address, `10.${octet()}.${octet()}.${octet()}`);
    }
    return { headers: template.headers, body: Buffer.from(body) };
  };
}

export type SeedFigures = {
  deliveries: number;
  seconds: number;
  per_second: number;
  raw_bytes: number;
  how: string;
};

/** Fills a new database at `file` with `count` deliveries spread over the last `hours`. */
export async function seedThroughReceiver(options: {
  file: string;
  count: number;
  hours?: number;
  seed?: number;
  onProgress?: (done: number) => void;
}): Promise<SeedFigures> {
  applyMigrations(`file:${path.resolve(options.file)}`);
  const db = openDatabase(options.file);
  const { token } = ensureDefaultEndpoint(db);
  // The per-endpoint rate limit would refuse a million at once; nothing else differs.
  const context = { ...createIngestContext(sqliteReceivingStore(db)), rateLimiter: null };
  const makeBody = createBodyMaker(options.seed ?? 16);
  const spanMs = (options.hours ?? 168) * 3_600_000;
  const startAt = Date.now() - spanMs;
  const started = performance.now();
  let raw = 0;
  for (let done = 0; done < options.count;) {
    const batch = Math.min(CONCURRENT, options.count - done);
    const answers = Array.from({ length: batch }, (_, i) => {
      const receivedAt = startAt + Math.floor(((done + i) * spanMs) / options.count);
      const { headers, body } = makeBody(receivedAt);
      raw += body.length;
      return receiveDelivery({ context, token, headers, body, receivedAt });
    });
    for (const answer of await Promise.all(answers)) {
      if (answer.status >= 500) throw new Error(`receiver answered ${answer.status}`);
    }
    done += batch;
    options.onProgress?.(done);
  }
  const seconds = (performance.now() - started) / 1000;
  // A running server keeps the stats rollups current in the background: start from that
  // steady state, so that the server's first minutes measure search, not counting.
  refreshRollupsSqlite(db, { chunk: 50_000 });
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return {
    deliveries: options.count,
    seconds: Math.round(seconds),
    per_second: Math.round(options.count / seconds),
    raw_bytes: raw,
    how: "receiveDelivery in process (lib/ingest: parse, redact, zstd, DeliveryWriter batches of 512), bodies from 5,000 simulated deliveries with per-delivery resources, times and addresses",
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      count: { type: "string", default: "1000000" },
      hours: { type: "string", default: "168" },
    },
  });
  if (!values.db) throw new Error("--db <file> is required");
  const figures = await seedThroughReceiver({
    file: values.db,
    count: Number(values.count),
    hours: Number(values.hours),
    onProgress: (done) => done % 51_200 === 0 && process.stdout.write(`\r${done}`),
  });
  console.log(`\n${JSON.stringify(figures, null, 2)}`);
}
