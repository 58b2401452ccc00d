"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useOptimistic, useTransition } from "react";
import {
  feedSearchString,
  parseFeedSearchParams,
  type FeedFilters,
} from "@/lib/events/feed-search-params";
import { useFeedQuery } from "@/lib/query/feed";
import { useLiveFeed } from "@/lib/query/feed-live";
import { FeedFilterBar } from "./feed-filters";
import { FeedList } from "./feed-list";
import { LiveBar } from "./live-bar";

/**
 * The /events page: filters from the URL (the API's own names, so other pages link
 * here with `/events?resource_type=server&action=create`), the first page by query,
 * and everything after it pushed by the live stream.
 */
export function FeedView() {
  const search = useSearchParams().toString();
  const fromUrl = useMemo(() => parseFeedSearchParams(new URLSearchParams(search)), [search]);
  // The view follows a change at once; the URL catches up when the navigation commits.
  const [filters, showFilters] = useOptimistic(fromUrl);
  const [, startTransition] = useTransition();
  const router = useRouter();
  const setFilters = useCallback(
    (next: FeedFilters, mode: "push" | "replace" = "push") => {
      const href = `/events${feedSearchString(next)}`;
      startTransition(() => {
        showFilters(next);
        if (mode === "push") router.push(href, { scroll: false });
        else router.replace(href, { scroll: false });
      });
    },
    [router, showFilters],
  );
  const feed = useFeedQuery(filters);
  const live = useLiveFeed(filters, feed.data);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Events</h1>
        <LiveBar live={live} filters={filters} />
      </div>
      <FeedFilterBar filters={filters} onChange={setFilters} arrivedIds={live.arrivedIds} />
      <FeedList
        feed={feed}
        filtered={Object.keys(filters).length > 0}
        onClear={() => setFilters({})}
      />
    </div>
  );
}
