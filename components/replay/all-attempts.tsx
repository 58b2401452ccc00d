"use client";
import { Empty, ErrorView, Loading } from "@/components/ui/state-views";
import { useReplaysInfiniteQuery } from "@/lib/query/replays";
import { AttemptTable } from "./attempt-table";
import { Button } from "@/components/ui/button";

const NO_FILTER = {};

/** Every replay attempt, newest first, a page at a time. */
export function AllAttempts() {
  const attempts = useReplaysInfiniteQuery(NO_FILTER);
  if (attempts.isPending) return <Loading what="Loading replays" />;
  if (attempts.isError) return <ErrorView error={attempts.error} />;
  const items = attempts.data.pages.flatMap((page) => page.data);
  if (items.length === 0)
    return <Empty>Nothing replayed yet. Open a delivery and use its Replay section.</Empty>;
  return (
    <div className="space-y-2">
      <AttemptTable attempts={items} />
      {attempts.hasNextPage && (
        <Button
          disabled={attempts.isFetchingNextPage}
          onClick={() => void attempts.fetchNextPage()}
        >
          {attempts.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}
