"use client";

/** The next page of a cursor-paginated list, for any infinite query. */
export function LoadMore({
  query,
}: {
  query: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => Promise<unknown>;
  };
}) {
  if (!query.hasNextPage) return null;
  return (
    <button
      type="button"
      onClick={() => void query.fetchNextPage()}
      disabled={query.isFetchingNextPage}
      className="mt-3 rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
    >
      {query.isFetchingNextPage ? "Loading…" : "Load more"}
    </button>
  );
}
