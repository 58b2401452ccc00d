import type Database from "better-sqlite3";
import type { SearchPlan } from "./search-terms";

/** Entries read from the newest end of a token's list to judge how common it is. */
const SAMPLE = 200;
/** Deliveries in every token's sample: a result this dense fills a page within a short
 *  walk of every list, so the plan's tokens stay (fewer bodies to check). */
const DENSE_RESULT = 20;
/** A token held by more than this share narrows by less than half: left out, it adds at
 *  most as many checks again, and saves a walk of most of its list. */
const COMMON_SHARE = 0.5;
/** Rare lists intersected: each costs a walk (~1.5 ms for 30,000 entries at 1M). */
const MAX_TOKENS = 6;

const samplers = new WeakMap<Database.Database, Database.Statement>();

function sampler(db: Database.Database): Database.Statement {
  let found = samplers.get(db);
  if (!found) {
    found = db.prepare(`SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid <= ?
      ORDER BY rowid DESC LIMIT ${SAMPLE}`);
    samplers.set(db, found.pluck());
  }
  return found;
}

/**
 * The FTS5 expression a page of a search reads its candidates with. A plan that is not
 * exact has every candidate's body checked, so any subset of the trigrams a match holds
 * gives the same page; only the cost differs. When the result is dense near the newest
 * end, the plan's own tokens find a page within a short walk. When it is sparse (a rare
 * value), FTS5 decodes each list across the whole index to intersect them: a token in most
 * deliveries (`10.` of an address, 69%) costs a walk of nearly every entry, and the
 * rarest trigrams, every one of them a candidate for the choice, leave fewest bodies to
 * check. At 1M deliveries a rare address's page took 44 ms in process with every third
 * trigram, 15 without `10.` (23 candidates) and 8 with the five rarest (6 candidates).
 */
export function narrowSearchMatch(
  db: Database.Database,
  plan: SearchPlan,
  upTo: number,
  /** The page walks every candidate whatever the density at the newest end (a filter
   *  holds most matches back): the rarest lists serve it best. */
  walkAll = false,
): string | null {
  if (plan.match === null || plan.exact || plan.held.length < 2 || upTo <= 0) return plan.match;
  const sample = sampler(db);
  const lists = plan.held.map((token) => sample.all(token, upTo) as number[]);
  // Ids at or above every full sample's oldest: each token's list is known there.
  const floor = Math.max(0, ...lists.map((ids) => (ids.length === SAMPLE ? ids.at(-1)! : 0)));
  const sets = lists.map((ids) => new Set(ids));
  const inAll = lists[0]!.filter((id) => id >= floor && sets.every((set) => set.has(id)));
  if (inAll.length >= DENSE_RESULT && !walkAll) return plan.match;
  const shares = lists.map((ids) =>
    ids.length < SAMPLE ? ids.length / upTo : SAMPLE / (upTo - ids.at(-1)! + 1),
  );
  const byShare = plan.held
    .map((token, i) => ({ token, share: shares[i]! }))
    .sort((a, b) => a.share - b.share);
  const chosen = byShare.filter((entry) => entry.share <= COMMON_SHARE).slice(0, MAX_TOKENS);
  // No token narrows by half: every check would cost more than walking the lists.
  if (chosen.length === 0) return plan.match;
  return chosen.map((entry) => entry.token).join(" AND ");
}
