/** One page of a list the API answers a cursor at a time (snake_case, as on the wire).
 *  `next_cursor` is what the next request passes as `cursor`; null on the last page. */
export type CursorPage<T> = { data: T[]; next_cursor: string | null };

/** How many rows to read for a page of `limit`: one more, which only tells whether a
 *  next page exists and is never answered. */
export function lookaheadLimit(limit: number): number {
  return limit + 1;
}

/** The page out of rows read with `lookaheadLimit(limit)`: the first `limit` rows as
 *  items, and the last one's cursor when more rows were found. */
export function cursorPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  shape: { item: (row: Row) => Item; cursor: (last: Row) => string },
): CursorPage<Item> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map((row) => shape.item(row)),
    next_cursor: rows.length > limit && last !== undefined ? shape.cursor(last) : null,
  };
}
