"use client";
import { PagedQueryState } from "@/components/ui/query-state";
import { useReplaysInfiniteQuery } from "@/lib/query/replays";
import { AttemptTable } from "./attempt-table";
import { Button } from "@/components/ui/button";

const NO_FILTER = {};

/** Every replay attempt, newest first, a page at a time. */
export function AllAttempts() {
  const attempts = useReplaysInfiniteQuery(NO_FILTER);
  return (
    <PagedQueryState
      query={attempts}
      pending="Loading replays"
      empty="Nothing replayed yet. Open a delivery and use its Replay section."
    >
      {(items) => (
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
      )}
    </PagedQueryState>
  );
}
