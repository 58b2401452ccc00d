import type Database from "better-sqlite3";

type Params = Record<string, string | number>;

/** Candidates walked newest first and filtered one by one before the filter is read: a
 *  dense result fills its page within them. */
const FIRST_WALK = 2000;

/**
 * A page of a search's indexed matches within a filter that holds many deliveries. The
 * newest FIRST_WALK candidates are filtered one by one (a dense result's page is among
 * them); below those, the filter's deliveries are read once through its own index into a
 * set (SQLite's IN list, with a Bloom filter) that each further candidate is tested
 * against before its row is read, so only deliveries in both are read and checked from
 * their bodies (`check`, unless the index decides). Filtering every candidate read a
 * delivery row per candidate instead: `zone1` (a third of the deliveries) with
 * `kind=text` (43,000, none matching) took 0.7–1.8 s at 1M that way. `walkMatch` is the
 * expression the long walk uses (the rarest tokens: every candidate of it is checked).
 */
export function findFilteredSearchPage<T>(
  db: Database.Database,
  options: {
    columns: string;
    /** The other filters over alias `d`, with their parameters and the search's. */
    where: string;
    params: Params;
    match: string;
    /** Asked only when the page goes on past the first walk. */
    walkMatch: () => string;
    check: string | null;
    upTo: number;
    limit: number;
    /** Candidates filtered one by one first (tests set a few to reach the second part). */
    firstWalk?: number;
  },
): T[] {
  const walk = options.firstWalk ?? FIRST_WALK;
  const check = options.check ? `AND ${options.check}` : "";
  const params = { ...options.params, search_match: options.match, up_to: options.upTo };
  const newest = `SELECT rowid AS id FROM search_index WHERE search_index MATCH @search_match
    AND rowid <= @up_to ORDER BY rowid DESC LIMIT ${walk}`;
  const first = db
    .prepare(
      `SELECT ${options.columns} FROM (${newest}) c CROSS JOIN deliveries d ON d.id = c.id
       WHERE ${options.where} ${check} ORDER BY c.id DESC LIMIT @limit`,
    )
    .all({ ...params, limit: options.limit }) as T[];
  if (first.length >= options.limit) return first;
  const walked = db
    .prepare(`SELECT count(*) AS count, min(id) AS lowest FROM (${newest})`)
    .get(params) as { count: number; lowest: number | null };
  if (walked.count < walk || walked.lowest === null) return first;
  // `+s.rowid`: tested per candidate, not handed to FTS5 as ids to look up one by one.
  const rest = db
    .prepare(
      `SELECT ${options.columns} FROM search_index s CROSS JOIN deliveries d ON d.id = s.rowid
       WHERE search_index MATCH @walk_match AND s.rowid < @below
       AND +s.rowid IN (SELECT d.id FROM deliveries d WHERE d.id < @below AND ${options.where})
       ${check} ORDER BY s.rowid DESC LIMIT @rest`,
    )
    .all({
      ...params,
      walk_match: options.walkMatch(),
      below: walked.lowest,
      rest: options.limit - first.length,
    }) as T[];
  return [...first, ...rest];
}
