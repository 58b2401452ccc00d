"use client";
import { Button } from "@/components/ui/button";

/** The next page of a cursor-paginated list, for any infinite query. */
export function LoadMore({
  query,
  label = "Load more",
}: {
  label?: string;
  query: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => Promise<unknown>;
  };
}) {
  if (!query.hasNextPage) return null;
  return (
    <Button
      className="mt-3"
      onClick={() => void query.fetchNextPage()}
      disabled={query.isFetchingNextPage}
    >
      {query.isFetchingNextPage ? "Loading…" : label}
    </Button>
  );
}
