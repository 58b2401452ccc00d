import "server-only";
import { getPrisma } from "../db/prisma";
import { notFound } from "../http/api-error";
import { cursorPage, lookaheadLimit, type CursorPage } from "../http/cursor-page";
import type { ReplayListQuery } from "./replay-input";
import { replayView, type ReplayView } from "./replay-view";

/** Recorded attempts, by delivery or bulk run or all, paged by id. */
export async function findReplays(query: ReplayListQuery): Promise<CursorPage<ReplayView>> {
  const { cursor, order, limit } = query;
  const rows = await getPrisma().replay.findMany({
    where: {
      ...(query.event_id !== undefined ? { deliveryId: query.event_id } : {}),
      ...(query.bulk_id !== undefined ? { bulkId: query.bulk_id } : {}),
      ...(cursor !== undefined ? { id: order === "desc" ? { lt: cursor } : { gt: cursor } } : {}),
    },
    orderBy: { id: order },
    take: lookaheadLimit(limit),
  });
  return cursorPage(rows, limit, { item: replayView, cursor: (last) => String(last.id) });
}

/** One delivery's attempts; 404 for an unknown delivery rather than an empty list. */
export async function findDeliveryReplays(
  deliveryId: number,
  query: ReplayListQuery,
): Promise<CursorPage<ReplayView>> {
  const delivery = await getPrisma().delivery.findUnique({
    where: { id: deliveryId },
    select: { id: true },
  });
  if (!delivery) throw notFound("Delivery");
  return findReplays({ ...query, event_id: deliveryId });
}
