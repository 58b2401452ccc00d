/**
 * How long a resource with 1,000 deliveries takes to open (target < 150 ms): the work of
 * GET /api/resources/{type}/{id} (read and decode every stored body, build the timeline,
 * serialize the answer), on a temporary database filled through the real receiver code,
 * so bodies are stored as in production (redacted, compressed). Also the first
 * /api/changes indexing of those deliveries. Median of N runs.
 *
 *   npx tsx scripts/bench-diff-timeline.ts [deliveries] [runs]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const count = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 15);
const TARGET_MS = 150;
const databaseUrl = `file:${path.join(mkdtempSync(path.join(tmpdir(), "h4-timeline-")), "bench.db")}`;
process.env.DATABASE_URL = databaseUrl;

// Imported after DATABASE_URL is set: the config is read once.
const { applyMigrations } = await import("../lib/db/apply-migrations");
const { getDatabase } = await import("../lib/db/sqlite");
const { ensureDefaultEndpointSqlite: ensureDefaultEndpoint } =
  await import("../lib/db/queries/default-endpoint");
const { createIngestContext } = await import("../lib/ingest/ingest-context");
const { sqliteReceivingStore } = await import("../lib/db/queries/receiving");
const { receiveDelivery } = await import("../lib/ingest/receive-delivery");
const { renderDelivery } = await import("../lib/cloudpods/render-delivery");
const { getResourceTimeline } = await import("../lib/resources/get-resource-timeline");
const { indexResourceChanges } = await import("../lib/changes/index-resource-changes");
const { getDetailsCache } = await import("../lib/resources/details-cache");

applyMigrations(databaseUrl);
const db = getDatabase();
const { token } = ensureDefaultEndpoint(db);
const context = createIngestContext(sqliteReceivingStore(db));

/** A server as the details view returns it, ~4 KB, changing a little at each event. */
function details(step: number): Record<string, unknown> {
  const metadata: Record<string, string> = {};
  for (let i = 0; i < 40; i++)
    metadata[`user:label_${i}`] = `value-${i}-${step % 7 === 0 ? step : 0}`;
  return {
    id: "srv-bench",
    name: "web-bench-01",
    status: ["running", "ready", "running", "stopping"][step % 4],
    vcpu_count: 4 + (step % 3),
    vmem_size: 8192,
    hypervisor: "kvm",
    host: `host-${step % 5}`,
    zone: "zone-a",
    tenant: "system",
    created_at: "2024-04-30T08:00:00.000000Z",
    updated_at: new Date(Date.UTC(2024, 4, 1) + step * 60_000).toISOString().replace("Z", "000Z"),
    update_version: step,
    metadata,
    disks_info: Array.from({ length: 3 + (step % 2) }, (_, i) => ({
      id: `disk-${i}`,
      disk_size: 10240 * (i + 1),
      disk_type: i === 0 ? "sys" : "data",
      storage_type: "local",
    })),
    nics: [{ mac: "00:22:aa:bb:cc:01", ip_addr: `10.0.0.${step % 250}`, network: "default" }],
  };
}

const actions = ["update", "sync_update", "status_changed", "change_config", "start", "stop"];
for (let step = 0; step < count; step++) {
  const event = {
    action: step === 0 ? "create" : actions[step % actions.length]!,
    resource_type: "server",
    resource_details: details(step),
  };
  const { headers, body } = renderDelivery({ kind: "event", event });
  await receiveDelivery({ context, token, headers, body: Buffer.from(body) });
}
context.writer.flush();

const open = async () =>
  JSON.stringify(
    await getResourceTimeline({ resourceType: "server", resourceId: "srv-bench", limit: 1000 }),
  );
/** Wall time, and the process's CPU time, which a machine shared with other work inflates less. */
const timed = async (task: () => unknown) => {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await task();
  const { user, system } = process.cpuUsage(cpu);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (user + system) / 1000 };
};
// Warm the code as a running server has it, then empty the parsed-details cache: the
// figure is the first open of a resource no one opened before, which reads and parses
// every body (a reopen finds them parsed).
for (let i = 0; i < 3; i++) await open();
getDetailsCache().clear();
const cold = await timed(() => open());
const size = (await open()).length;
const reopens: number[] = [];
for (let i = 0; i < runs; i++) reopens.push((await timed(() => open())).ms);
const warmMs = reopens.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
const index = await timed(indexResourceChanges);
const changeRows = db.prepare("SELECT count(*) FROM resource_changes").pluck().get() as number;

const row = (label: string, time: { ms: number; cpuMs?: number }, note = "") => {
  const cpu = time.cpuMs === undefined ? "" : ` (cpu ${time.cpuMs.toFixed(1)} ms)`;
  console.log(`${label.padEnd(50)} ${time.ms.toFixed(1).padStart(7)} ms${cpu}${note}`);
};
console.log(`resource with ${count} deliveries, answer ${(size / 1e6).toFixed(2)} MB`);
row("first open (read, decode, parse, diff, serialize)", cold, `  target < ${TARGET_MS} ms`);
row(`reopen, median of ${runs} (bodies already parsed)`, { ms: warmMs });
row(`first /api/changes indexing (${changeRows} rows)`, index);
if (cold.ms >= TARGET_MS) process.exitCode = 1;
db.close();
