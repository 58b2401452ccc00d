import "server-only";
import { bulksAcrossInstances } from "../db/queries/bulk-replays";
import { getPrisma } from "../db/prisma";
import { isBulkRunning } from "./bulk-registry";
import { bulkView, type BulkView } from "./bulk-view";

/** The latest bulk replays, newest first. */
export async function findBulkReplays(options: { limit: number }): Promise<{ data: BulkView[] }> {
  const rows = await getPrisma().bulkReplay.findMany({
    orderBy: { id: "desc" },
    take: options.limit,
  });
  // A row still "running" that no runner holds was cut off by a restart (across
  // instances another instance takes it over: it is still running).
  const stranded = (row: { id: number; state: string }) =>
    row.state === "running" && !isBulkRunning(row.id) && !bulksAcrossInstances();
  const data = rows.map((row) => bulkView(stranded(row) ? { ...row, state: "failed" } : row));
  return { data };
}
