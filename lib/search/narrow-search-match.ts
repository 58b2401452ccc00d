import type Database from "better-sqlite3";
import type { SearchPlan } from "./search-terms";

/** Entries read from the newest end of a token's list to judge how common it is. */
const SAMPLE = 200;
/**
 * Any share of a page's candidates gets its body checked anyway (the plan is not exact),
 * so leaving out a token is safe: it can only add candidates that the check then turns
 * down. A token in more than half the recent deliveries (`10.` of an address is in 62%)
 * adds at most twice the checks, while FTS5 decodes nearly its whole list to intersect it
 * with the rare ones: at 100,000 deliveries the rare address's candidates took 6.3 ms with
 * `10.` and 0.6 ms without.
 */
const COMMON_SHARE = 0.5;

const samplers = new WeakMap<Database.Database, Database.Statement>();

/**
 * The FTS5 expression a page of a search reads its candidates with: the plan's tokens
 * without those held by more than half the deliveries up to `upTo` (the rarest token is
 * kept when all are that common). An exact plan keeps every token: its candidates are its
 * answer, with no check to turn the extra ones down.
 */
export function narrowSearchMatch(
  db: Database.Database,
  plan: SearchPlan,
  upTo: number,
): string | null {
  if (plan.match === null || plan.exact || plan.tokens.length < 2 || upTo <= 0) return plan.match;
  let sample = samplers.get(db);
  if (!sample) {
    sample = db.prepare(`SELECT count(*) AS found, min(rowid) AS oldest FROM (SELECT rowid
      FROM search_index WHERE search_index MATCH ? AND rowid <= ? ORDER BY rowid DESC LIMIT ${SAMPLE})`);
    samplers.set(db, sample);
  }
  const shares = plan.tokens.map((token) => {
    const { found, oldest } = sample.get(token, upTo) as { found: number; oldest: number };
    return found < SAMPLE ? found / upTo : SAMPLE / (upTo - oldest + 1);
  });
  const kept = plan.tokens.filter((_, i) => shares[i]! <= COMMON_SHARE);
  if (kept.length > 0) return kept.join(" AND ");
  return plan.tokens[shares.indexOf(Math.min(...shares))]!;
}
