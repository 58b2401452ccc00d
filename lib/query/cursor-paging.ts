/**
 * What every cursor-paged infinite query shares: the first page is asked without a
 * cursor, each next one with the `next_cursor` the last page gave (null: no more).
 */
export const cursorPaging = {
  initialPageParam: "",
  getNextPageParam: (last: { next_cursor: string | null }) => last.next_cursor ?? undefined,
};

/** A list's filters with the page's cursor, when it has one (the first page has none). */
export function withCursor(
  filters: Record<string, string>,
  cursor: string,
): Record<string, string> {
  return cursor ? { ...filters, cursor } : filters;
}
