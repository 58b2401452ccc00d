import type { ReactNode } from "react";
import type { CursorPage } from "@/lib/http/cursor-page";
import { Empty, ErrorView, Loading } from "./state-views";

/**
 * Every view's four states in one place: pending, error, empty (when `isEmpty` says so)
 * and the data. `children` runs only with data; `error` replaces the plain ErrorView
 * (a detail page's MissingView, which says what a 404 means). A refetch that fails after
 * data arrived still says so: a detail page shows its error instead (the record may be
 * gone), a list keeps its rows under the error, so a passing outage loses nothing.
 */
export function QueryState<T>({
  query,
  pending = "Loading",
  isEmpty,
  empty,
  error,
  children,
}: {
  query: { isPending: boolean; error: Error | null; data: T | undefined };
  pending?: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  error?: (error: Error) => ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.error && (query.data === undefined || error))
    return error ? <>{error(query.error)}</> : <ErrorView error={query.error} />;
  if (query.data === undefined) return <Loading what={pending} />;
  const stale = query.error && <ErrorView error={query.error} />;
  if (isEmpty?.(query.data))
    return (
      <>
        {stale}
        <Empty>{empty}</Empty>
      </>
    );
  return (
    <>
      {stale}
      {children(query.data)}
    </>
  );
}

/**
 * QueryState for a paged (infinite) query: empty when no page has a row, and `children`
 * gets the rows of every page loaded so far, in order.
 */
export function PagedQueryState<T>({
  query,
  children,
  ...states
}: {
  query: { isPending: boolean; error: Error | null; data: { pages: CursorPage<T>[] } | undefined };
  pending?: string;
  empty?: ReactNode;
  error?: (error: Error) => ReactNode;
  children: (rows: T[]) => ReactNode;
}) {
  return (
    <QueryState
      query={query}
      isEmpty={(data) => data.pages.every((page) => page.data.length === 0)}
      {...states}
    >
      {(data) => children(data.pages.flatMap((page) => page.data))}
    </QueryState>
  );
}
