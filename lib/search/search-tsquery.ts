import type { SearchQuery } from "./parse-search-query";
import { planSearch, termPlan } from "./search-terms";

/**
 * Payload search's index terms as PostgreSQL holds them: a delivery's documentTerms
 * (search-terms.ts, the same vocabulary as SQLite's FTS5 index) become the lexemes of a
 * tsvector without positions, and a query's plan becomes a tsquery over them. Pure; the
 * SQL that uses both is in lib/db/queries/search-postgres.ts.
 *
 * The search language has AND (terms side by side), NOT (`-term`), prefixes (a field's
 * `value*`, and 2-character substrings, as FTS5's `"ab" *`) and field terms (`key=value`
 * and `key` lexemes); it has no OR. The tsquery is the AND of the plan's tokens (`'abc'`,
 * `'ab':*`), and the NOT of each negated term that one token decides (`!'…'`), which
 * narrows the candidates as the matcher would; `exact` says, as on SQLite, when the
 * candidates need no check from their bodies.
 */

/** tsvector's limits: a lexeme is at most 2,047 bytes (array_to_tsvector wraps a longer
 *  one's length instead of refusing it), the lexemes of one vector under 1 MB. */
export const MAX_LEXEME_BYTES = 2046;
export const MAX_VECTOR_BYTES = 1_000_000;

/**
 * The lexeme of a delivery whose terms do not fit a tsvector (a huge body of distinct
 * trigrams): every query's tsquery also accepts it, so such a delivery is always a
 * candidate, checked from its body. A raw private-use mark, which encoded text never is.
 */
export const OVERFLOW_LEXEME = "\uE0FD";

/** A term cut to MAX_LEXEME_BYTES of UTF-8 at a character boundary; `cut` when it was. */
export function cutLexeme(term: string): { lexeme: string; cut: boolean } {
  // Each UTF-16 unit takes at most 3 bytes: most terms need no count.
  if (term.length * 3 <= MAX_LEXEME_BYTES || Buffer.byteLength(term) <= MAX_LEXEME_BYTES) {
    return { lexeme: term, cut: false };
  }
  let bytes = 0;
  let end = 0;
  for (const char of term) {
    const size = Buffer.byteLength(char);
    if (bytes + size > MAX_LEXEME_BYTES) break;
    bytes += size;
    end += char.length;
  }
  return { lexeme: term.slice(0, end), cut: true };
}

/**
 * The lexemes of one delivery's tsvector, from documentTerms' space-separated text: each
 * once, long ones cut (a query token cut alike becomes a prefix of it, never misses it),
 * and only OVERFLOW_LEXEME when they would not fit one vector.
 */
export function documentLexemes(terms: string): string[] {
  if (terms === "") return [];
  const unique = new Set<string>();
  let bytes = 0;
  for (const term of terms.split(" ")) {
    const { lexeme } = cutLexeme(term);
    if (unique.has(lexeme)) continue;
    unique.add(lexeme);
    bytes += Buffer.byteLength(lexeme);
    if (bytes > MAX_VECTOR_BYTES) return [OVERFLOW_LEXEME];
  }
  return [...unique];
}

/** One operand of the tsquery: a lexeme, as a prefix or whole, negated or not. */
export type TsqueryPart = { lexeme: string; prefix: boolean; negate: boolean };

export type TsqueryPlan = {
  /** Every matching delivery's vector satisfies it (null: no term narrows the search). */
  tsquery: string | null;
  parts: TsqueryPart[];
  /** Candidates whose vector is not the overflow one are the answer, unchecked. */
  exact: boolean;
};

/** FTS5's token text as planSearch writes it: `"…"`, or `"…" *` for a prefix. Encoded
 *  terms never hold a `"` (search-terms.ts moves ASCII punctuation out of the way). */
const FTS_TOKEN = /^"([^"]+)"( \*)?$/;

function partOf(token: string, negate: boolean): { part: TsqueryPart; cut: boolean } {
  const found = FTS_TOKEN.exec(token);
  if (!found) throw new Error(`not an index token: ${token}`);
  const { lexeme, cut } = cutLexeme(found[1]!);
  return { part: { lexeme, prefix: found[2] !== undefined || cut, negate }, cut };
}

/** A lexeme quoted for tsquery's input: `'` doubled, `\` escaped; no normalisation. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

export function tsqueryText(parts: TsqueryPart[]): string {
  const operands = parts.map(
    (part) => `${part.negate ? "!" : ""}${quoteLexeme(part.lexeme)}${part.prefix ? ":*" : ""}`,
  );
  return `(${operands.join(" & ")}) | ${quoteLexeme(OVERFLOW_LEXEME)}`;
}

export function searchTsquery(query: SearchQuery): TsqueryPlan {
  const plan = planSearch(query);
  if (plan.match === null) return { tsquery: null, parts: [], exact: false };
  let exact = plan.exact;
  const parts: TsqueryPart[] = [];
  for (const token of plan.tokens) {
    const { part, cut } = partOf(token, false);
    if (cut) exact = false;
    parts.push(part);
  }
  for (const term of query.terms) {
    if (!term.negate) continue;
    const positive = termPlan(term);
    if (!positive.exact || positive.tokens.length !== 1) continue;
    const { part, cut } = partOf(positive.tokens[0]!, true);
    // A cut token stands for more terms than its own: its NOT would drop true matches.
    if (!cut) parts.push(part);
  }
  return { tsquery: tsqueryText(parts), parts, exact };
}
