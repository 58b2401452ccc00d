import type { InfiniteData } from "@tanstack/react-query";
import type { DeliverySummary } from "../events/delivery-summary";
import type { CursorPage } from "../http/cursor-page";

export type DeliveryPage = CursorPage<DeliverySummary>;
export type FeedData = InfiniteData<DeliveryPage>;

/** The most rows the first page grows to with live arrivals before the tail is let go. */
export const LIVE_PAGE_LIMIT = 500;

/**
 * Live deliveries written into the feed's cached pages: newest first, each id once
 * (a reconnect's catch-up may resend what a page already holds). When the first page
 * would pass `limit`, or when `gap` says some arrivals were not kept, the feed
 * restarts from one page ending at its oldest kept row, with the cursor there, so
 * scrolling on fetches exactly what follows: no hole, no row twice.
 */
export function addLiveDeliveries(
  data: FeedData | undefined,
  items: DeliverySummary[],
  options: { limit?: number; gap?: boolean } = {},
): FeedData | undefined {
  if (!data || items.length === 0) return data;
  const limit = options.limit ?? LIVE_PAGE_LIMIT;
  const known = new Set(data.pages.flatMap((page) => page.data.map((item) => item.id)));
  const fresh = [
    ...new Map(items.filter((item) => !known.has(item.id)).map((item) => [item.id, item])).values(),
  ];
  if (fresh.length === 0) return data;
  fresh.sort((a, b) => b.id - a.id);
  const [first, ...rest] = data.pages;
  const firstRows = options.gap ? fresh : [...fresh, ...(first?.data ?? [])];
  if (!options.gap && firstRows.length <= limit) {
    return {
      ...data,
      pages: [{ data: firstRows, next_cursor: first?.next_cursor ?? null }, ...rest],
    };
  }
  const kept = firstRows.slice(0, limit);
  const oldest = kept[kept.length - 1];
  return {
    pages: [{ data: kept, next_cursor: oldest ? String(oldest.id) : null }],
    pageParams: [""],
  };
}

/** The newest id a feed holds, where a stream picks up; 0 when it holds none. */
export function newestId(data: FeedData | undefined): number {
  return data?.pages[0]?.data[0]?.id ?? 0;
}
