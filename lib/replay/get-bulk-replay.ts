import "server-only";
import { getPrisma } from "../db/prisma";
import { notFound } from "../http/api-error";
import { isBulkRunning } from "./bulk-registry";
import { bulkView, type BulkView } from "./bulk-view";

/** One bulk replay. A row left "running" by a process that stopped is closed as failed. */
export async function getBulkReplay(options: { id: number }): Promise<BulkView> {
  const prisma = getPrisma();
  let row = await prisma.bulkReplay.findUnique({ where: { id: options.id } });
  if (!row) throw notFound("Bulk replay");
  if (row.state === "running" && !isBulkRunning(row.id)) {
    row = await prisma.bulkReplay.update({
      where: { id: row.id },
      data: { state: "failed", finishedAt: new Date() },
    });
  }
  return bulkView(row);
}
