import "server-only";
import { setTimeout as delay } from "node:timers/promises";
import { bulksAcrossInstances } from "../db/queries/bulk-replays";
import { getPrisma } from "../db/prisma";
import { cancelBulk } from "./bulk-registry";
import type { BulkView } from "./bulk-view";
import { getBulkReplay } from "./get-bulk-replay";

/** How long a cancel waits for the instance running the bulk to stop it, and how often it looks. */
const STOP_WAIT_MS = 15_000;
const LOOK_EVERY_MS = 50;

/**
 * Stops a running bulk replay and answers its state once it has stopped. Cancelling one
 * that has finished changes nothing. Across instances (PostgreSQL) the bulk may run on
 * another one: the row's state becomes "cancelled", which the instance running it reads
 * within a quarter of a second (run-bulk-replay.ts) and stops as a cancel there would, or
 * which the instance taking it over closes; this one waits until the row says it stopped.
 */
export async function cancelBulkReplay(options: { id: number }): Promise<BulkView> {
  await getBulkReplay(options); // 404 for an unknown id
  if ((await cancelBulk(options.id)) || !bulksAcrossInstances()) return getBulkReplay(options);
  const prisma = getPrisma();
  await prisma.bulkReplay.updateMany({
    where: { id: options.id, state: "running", finishedAt: null },
    data: { state: "cancelled" },
  });
  const until = Date.now() + STOP_WAIT_MS;
  for (;;) {
    const bulk = await getBulkReplay(options);
    if (bulk.finished_at !== null || Date.now() >= until) return bulk;
    await delay(LOOK_EVERY_MS);
  }
}
