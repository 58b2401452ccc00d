import "server-only";
import { bulksAcrossInstances } from "../db/queries/bulk-replays";
import { getPrisma } from "../db/prisma";
import { notFound } from "../http/api-error";
import { isBulkRunning } from "./bulk-registry";
import { bulkView, type BulkView } from "./bulk-view";

/** One bulk replay. A row left "running" by a process that stopped is closed as failed;
 *  across instances (PostgreSQL) another instance takes such a bulk over instead
 *  (bulk-takeover.ts), so it stays running. */
export async function getBulkReplay(options: { id: number }): Promise<BulkView> {
  const prisma = getPrisma();
  let row = await prisma.bulkReplay.findUnique({ where: { id: options.id } });
  if (!row) throw notFound("Bulk replay");
  if (row.state === "running" && !isBulkRunning(row.id) && !bulksAcrossInstances()) {
    row = await prisma.bulkReplay.update({
      where: { id: row.id },
      data: { state: "failed", finishedAt: new Date() },
    });
  }
  return bulkView(row);
}
