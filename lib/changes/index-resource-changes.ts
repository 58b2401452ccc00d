import type Database from "better-sqlite3";
import { buildTimeline } from "../diff/build-timeline";
import { getDatabase } from "../db/sqlite";
import { loadResourceDeliveries } from "../resources/load-resource-deliveries";

/**
 * Fills resource_changes lazily, when someone asks where a field changed, rather than at
 * ingest: the receiver's hot path stays as it is (no reading of the previous snapshot,
 * no diff, no extra rows per delivery at 5,000 deliveries/s), and the diffs come from the
 * stored, redacted bodies through the same timeline builder as the resource page, so
 * the two always agree (a secret never lands in a change row, a duplicate or a late
 * snapshot is treated the same way).
 *
 * A step's diff depends only on the deliveries before it, so rows once written stay
 * right: each run indexes the deliveries past a watermark, resource by resource.
 */
const WATERMARK = "resource_changes.indexed_through";
const RESOURCES_PER_TRANSACTION = 50;

let running: Promise<void> | null = null;

function readWatermark(db: Database.Database): number {
  const value = db.prepare("SELECT value FROM settings WHERE key = ?").pluck().get(WATERMARK);
  return Number(value ?? 0) || 0;
}

function lastDeliveryId(db: Database.Database): number {
  return (db.prepare("SELECT max(id) FROM deliveries").pluck().get() as number | null) ?? 0;
}

type ResourceRef = { resource_type: string; resource_id: string };

function indexResource(
  db: Database.Database,
  resource: ResourceRef,
  from: number,
  through: number,
) {
  const { steps } = buildTimeline(
    loadResourceDeliveries({
      resourceType: resource.resource_type,
      resourceId: resource.resource_id,
      throughId: through,
    }),
  );
  // A run that died half-way left rows past the watermark: replace them.
  db.prepare(
    `DELETE FROM resource_changes WHERE delivery_id > ? AND resource_type = ? AND resource_id = ?`,
  ).run(from, resource.resource_type, resource.resource_id);
  const insert = db.prepare(`INSERT INTO resource_changes (delivery_id, resource_type,
    resource_id, path, field, op, before, after, changed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const step of steps) {
    const { id, summary } = step.delivery;
    if (id <= from || !step.diff) continue;
    const changedAt = Date.parse(summary.received_at);
    for (const entry of step.diff) {
      insert.run(
        id,
        resource.resource_type,
        resource.resource_id,
        JSON.stringify(entry.path),
        String(entry.path[0] ?? ""),
        entry.op,
        "before" in entry ? JSON.stringify(entry.before) : null,
        "after" in entry ? JSON.stringify(entry.after) : null,
        changedAt,
      );
    }
  }
}

async function indexOnce(db: Database.Database) {
  const from = readWatermark(db);
  const through = lastDeliveryId(db);
  if (through <= from) return;
  const resources = db
    .prepare(
      `SELECT DISTINCT resource_type, resource_id FROM deliveries
       WHERE id > ? AND id <= ? AND kind = 'event'
         AND resource_type IS NOT NULL AND resource_id IS NOT NULL`,
    )
    .all(from, through) as ResourceRef[];
  for (let i = 0; i < resources.length; i += RESOURCES_PER_TRANSACTION) {
    const chunk = resources.slice(i, i + RESOURCES_PER_TRANSACTION);
    db.transaction(() => chunk.forEach((resource) => indexResource(db, resource, from, through)))();
    // Let the receiver answer between chunks: a first run over a large store takes a while.
    await new Promise((resolve) => setImmediate(resolve));
  }
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(WATERMARK, String(through), Date.now());
}

/** Brings resource_changes up to the last delivery stored when called. One run at a time. */
export async function indexResourceChanges(): Promise<void> {
  const db = getDatabase();
  const target = lastDeliveryId(db);
  while (readWatermark(db) < target) {
    running ??= indexOnce(db).finally(() => (running = null));
    await running;
  }
}
