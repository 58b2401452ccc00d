/**
 * Storage: bytes on disk per delivery against the raw bytes received, after sending
 * realistic deliveries through the real receiver and checkpointing the WAL.
 */
import { statSync } from "node:fs";
import Database from "better-sqlite3";
import { generateDeliveries } from "../../lib/simulator/generate-deliveries";
import { generateLoadDeliveries } from "../../lib/simulator/load-deliveries";
import type { TimelineKeeperStatus } from "../../lib/resources/get-timeline-keeper-status";
import { api, createEndpoint } from "../../tests/support/api";
import { round } from "./stats";

export async function benchStorage(baseUrl: string, databaseFile: string, count = 20_000) {
  const endpoint = await createEndpoint(baseUrl);
  // The load mix, plus the simulator's full variety (validations, templates, re-sends).
  const deliveries = [
    ...generateLoadDeliveries({ seed: 33, count: Math.floor(count * 0.9) }),
    ...generateDeliveries({ seed: 34, count: Math.ceil(count * 0.1) }),
  ];
  const db = new Database(databaseFile);
  db.pragma("wal_checkpoint(TRUNCATE)");
  const pagesBefore = db.pragma("page_count", { simple: true }) as number;
  const freeBefore = db.pragma("freelist_count", { simple: true }) as number;
  let raw = 0;
  for (let i = 0; i < deliveries.length; i += 64) {
    await Promise.all(
      deliveries.slice(i, i + 64).map(async (delivery) => {
        raw += Buffer.byteLength(delivery.body);
        const response = await fetch(endpoint.receiver_url, {
          method: "POST",
          headers: delivery.headers,
          body: delivery.body,
        });
        await response.text();
      }),
    );
  }
  // What the background timeline keeper adds per delivery counts too: wait for it.
  for (;;) {
    const { body } = await api<TimelineKeeperStatus>(baseUrl, "/api/resources/timeline-steps");
    if (body.kept_through >= body.newest_delivery_id) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  const pages = (db.pragma("page_count", { simple: true }) as number) - pagesBefore;
  const freed = (db.pragma("freelist_count", { simple: true }) as number) - freeBefore;
  // Where the bytes went, per table and index (what a change to the schema moves).
  const tables = db
    .prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
    .all() as Array<{ name: string; bytes: number }>;
  db.close();
  const bytes = (pages - freed) * pageSize;
  return {
    deliveries: deliveries.length,
    raw_bytes_per_delivery: round(raw / deliveries.length, 0),
    disk_bytes_per_delivery: round(bytes / deliveries.length, 0),
    ratio: round(bytes / raw, 3),
    file_bytes: statSync(databaseFile).size,
    bytes_per_delivery_by_table: Object.fromEntries(
      tables
        .map(({ name, bytes }) => [name, Math.round(bytes / deliveries.length)] as const)
        .filter(([, bytes]) => bytes >= 5),
    ),
  };
}
