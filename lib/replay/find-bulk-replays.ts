import "server-only";
import { getPrisma } from "../db/prisma";
import { isBulkRunning } from "./bulk-registry";
import { bulkView, type BulkView } from "./bulk-view";

/** The latest bulk replays, newest first. */
export async function findBulkReplays(options: { limit: number }): Promise<{ data: BulkView[] }> {
  const rows = await getPrisma().bulkReplay.findMany({
    orderBy: { id: "desc" },
    take: options.limit,
  });
  // A row still "running" that no runner holds was cut off by a restart.
  const data = rows.map((row) =>
    bulkView(row.state === "running" && !isBulkRunning(row.id) ? { ...row, state: "failed" } : row),
  );
  return { data };
}
