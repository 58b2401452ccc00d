"use client";
import type { UseInfiniteQueryResult } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { ErrorView } from "@/components/ui/state-views";
import { QueryState } from "@/components/ui/query-state";
import type { FeedData } from "@/lib/query/feed-cache";
import { typingInField } from "@/lib/ui/typing-in-field";
import { FeedTable } from "./feed-table";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

/**
 * The feed's rows with loading, error and empty states, infinite scroll by cursor and
 * the keyboard: j/k move the selection, Enter opens it.
 */
export function FeedList({
  feed,
  filtered,
  onClear,
}: {
  feed: UseInfiniteQueryResult<FeedData>;
  filtered: boolean;
  onClear: () => void;
}) {
  const router = useRouter();
  const deliveries = useMemo(
    () => feed.data?.pages.flatMap((page) => page.data) ?? [],
    [feed.data],
  );
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = feed;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        typingInField(event) ||
        event.metaKey ||
        event.ctrlKey ||
        event.altKey ||
        deliveries.length === 0
      )
        return;
      const at = deliveries.findIndex((item) => item.id === selectedId);
      if (event.key === "j" || event.key === "k") {
        const next =
          at < 0
            ? 0
            : Math.min(deliveries.length - 1, Math.max(0, at + (event.key === "j" ? 1 : -1)));
        setSelectedId(deliveries[next]?.id ?? null);
        if (
          event.key === "j" &&
          next >= deliveries.length - 3 &&
          hasNextPage &&
          !isFetchingNextPage
        )
          void fetchNextPage();
      } else if (
        event.key === "Enter" &&
        at >= 0 &&
        !(event.target as HTMLElement | null)?.closest("a, button, summary")
      ) {
        router.push(`/events/${deliveries[at]?.id}`);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [deliveries, selectedId, router, hasNextPage, isFetchingNextPage, fetchNextPage]);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage)
        void fetchNextPage();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // QueryState shows an error only with no pages yet; a failed next page is reported under them.
  return (
    <QueryState
      query={feed}
      pending="Loading deliveries"
      isEmpty={() => deliveries.length === 0}
      empty={
        filtered ? (
          <>
            No delivery matches these filters yet; new ones show up here as they arrive.{" "}
            <Button variant="link" onClick={onClear}>
              Clear filters
            </Button>
          </>
        ) : (
          "Nothing received yet. Deliveries show up here the moment a robot sends them."
        )
      }
    >
      {() => (
        <Card padded={false}>
          <FeedTable deliveries={deliveries} selectedId={selectedId} onSelect={setSelectedId} />
          <div ref={sentinel} className="p-3 text-center text-sm text-slate-500">
            {isFetchingNextPage ? (
              "Loading more…"
            ) : hasNextPage ? (
              <Button variant="link" onClick={() => void fetchNextPage()}>
                Load more
              </Button>
            ) : (
              `${deliveries.length} shown · end of results`
            )}
          </div>
          {feed.isFetchNextPageError && feed.error && <ErrorView error={feed.error} />}
          <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-400">
            <kbd>j</kbd>/<kbd>k</kbd> to move, <kbd>Enter</kbd> to open
          </p>
        </Card>
      )}
    </QueryState>
  );
}
