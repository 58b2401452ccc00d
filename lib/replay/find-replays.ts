import "server-only";
import { getPrisma } from "../db/prisma";
import type { ReplayListQuery } from "./replay-input";
import { replayView, type ReplayView } from "./replay-view";

export type ReplayPage = { data: ReplayView[]; next_cursor: string | null };

/** Recorded attempts, by delivery or bulk run or all, paged by id. */
export async function findReplays(query: ReplayListQuery): Promise<ReplayPage> {
  const { cursor, order, limit } = query;
  const rows = await getPrisma().replay.findMany({
    where: {
      ...(query.event_id !== undefined ? { eventId: query.event_id } : {}),
      ...(query.bulk_id !== undefined ? { bulkId: query.bulk_id } : {}),
      ...(cursor !== undefined ? { id: order === "desc" ? { lt: cursor } : { gt: cursor } } : {}),
    },
    orderBy: { id: order },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(replayView),
    next_cursor: rows.length > limit && last ? String(last.id) : null,
  };
}
