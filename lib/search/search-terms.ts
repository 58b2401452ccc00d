import { foldCase } from "./match-search";
import { parseNumber, type SearchQuery, type SearchTerm } from "./parse-search-query";
import type { SearchDocument } from "./search-document";

/**
 * The index's vocabulary, shared by what is indexed and what is asked, so the two cannot
 * drift. A delivery is indexed as a set of terms:
 *
 * - every trigram of every value (lowercased, each value followed by an end mark so that
 *   any two characters of a value begin some trigram: a 2-character search is a prefix
 *   query, `测试` included);
 * - `key=value` and, for nested fields, `path=value` (values cut at 64 characters), and
 *   `key` / `path` alone, for field terms, wildcards and comparisons.
 *
 * Terms are written for FTS5's `ascii` tokenizer, whose token characters are ASCII
 * letters and digits and every non-ASCII character: other ASCII characters are moved to
 * the private use area (U+E000 + code), and characters already there are escaped, so the
 * mapping is one to one and every term is one token.
 */
const END = "\uE0FE";
const KEY_VALUE = "\uE0F0";
const PATH_VALUE = "\uE0F1";
const KEY = "\uE0F2";
const PATH = "\uE0F3";
const ESCAPE = "\uE0FF";
/** `=` closes a field name inside KEY_VALUE and PATH_VALUE terms, and KEY and PATH ones. */
const EQUALS = "\uE03D";
export const VALUE_PREFIX_CHARS = 64;

function encodeChar(char: string): string {
  const code = char.codePointAt(0)!;
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return char;
  if (code < 0x80) return String.fromCharCode(0xe000 + code);
  if (code >= 0xe000 && code <= 0xe0ff) return ESCAPE + String.fromCharCode(0xe100 + code - 0xe000);
  return char;
}

const ASCII = Array.from({ length: 128 }, (_, code) => encodeChar(String.fromCharCode(code)));

const PLAIN = /^[a-z0-9]*$/;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const OTHER_ASCII = /[^a-z0-9]/g;
const encodeAscii = (char: string) => ASCII[char.charCodeAt(0)]!;

/** Marks (END, KEY_VALUE...) are added raw, after encoding: text can never forge one. */
function encode(text: string): string {
  if (PLAIN.test(text)) return text;
  if (ASCII_ONLY.test(text)) return text.replace(OTHER_ASCII, encodeAscii);
  let out = "";
  for (const char of text) out += encodeChar(char);
  return out;
}

/** The first VALUE_PREFIX_CHARS characters (code points) of a value. */
function head(text: string): string {
  if (text.length <= VALUE_PREFIX_CHARS) return text;
  return Array.from(text).slice(0, VALUE_PREFIX_CHARS).join("");
}

const isAscii = (text: string) => ASCII_ONLY.test(text);

/** A folded value encoded once; trigrams and `key=value` terms are cut from it. */
function encodeValue(folded: string): { chars: string[] | null; encoded: string } {
  if (isAscii(folded)) return { chars: null, encoded: encode(folded) };
  const chars = Array.from(folded, encodeChar);
  return { chars, encoded: chars.join("") };
}

/** The trigrams of one value, space-separated (each value ends with END). */
function trigrams({ chars, encoded }: ReturnType<typeof encodeValue>): string {
  const grams: string[] = [];
  // ASCII: every character is one UTF-16 unit, so slicing the encoded string is what
  // the general path computes, several times faster.
  if (!chars) {
    const text = encoded + END;
    for (let i = 0; i + 3 <= text.length; i++) grams.push(text.slice(i, i + 3));
  } else {
    const all = [...chars, END];
    for (let i = 0; i + 3 <= all.length; i++) grams.push(all[i]! + all[i + 1]! + all[i + 2]!);
  }
  return grams.join(" ");
}

/** The encoded head of a value, for its `key=value` terms. */
function encodedHead({ chars, encoded }: ReturnType<typeof encodeValue>): string {
  if (!chars) return encoded.slice(0, VALUE_PREFIX_CHARS);
  return chars.slice(0, VALUE_PREFIX_CHARS).join("");
}

type ValueTerms = { trigrams: string; head: string };

/** Values repeat across deliveries (statuses, zones, hosts, images, flags): the terms of
 *  the short ones are cut once and kept, up to a bound. */
const valueTerms = new Map<string, ValueTerms>();
const CACHED_VALUES = 50_000;
const CACHED_VALUE_CHARS = 200;

function termsOfValue(folded: string): ValueTerms {
  let found = valueTerms.get(folded);
  if (found) return found;
  const encoded = encodeValue(folded);
  found = { trigrams: trigrams(encoded), head: encodedHead(encoded) };
  if (folded.length <= CACHED_VALUE_CHARS) {
    if (valueTerms.size >= CACHED_VALUES) valueTerms.clear();
    valueTerms.set(folded, found);
  }
  return found;
}

/** Field names repeat across deliveries: encode each once. */
const names = new Map<string, string>();
function encodeName(name: string): string {
  let found = names.get(name);
  if (found === undefined) {
    found = encode(name) + EQUALS;
    if (names.size > 10_000) names.clear();
    names.set(name, found);
  }
  return found;
}

/**
 * The terms one delivery is indexed under, as FTS5 text (space-separated tokens). One
 * pass over the values: each distinct value once, its trigrams as one cut string. A
 * trigram two values share is written twice; FTS5 keeps one entry per delivery and
 * term (detail=none), so the index is the same as with the set of unique terms.
 */
export function documentTerms(document: SearchDocument): string {
  const parts: string[] = [];
  const heads = new Map<string, string>();
  const headOf = (text: string) => {
    const folded = foldCase(text);
    let head = heads.get(folded);
    if (head === undefined) {
      const terms = termsOfValue(folded);
      if (terms.trigrams) parts.push(terms.trigrams);
      head = terms.head;
      heads.set(folded, head);
    }
    return head;
  };
  for (const text of document.texts) headOf(text);
  const fields = new Set<string>();
  for (const leaf of document.leaves) {
    const head = headOf(leaf.value);
    const key = encodeName(leaf.key);
    const path = leaf.path.includes(".") ? encodeName(leaf.path) : null;
    fields.add(KEY_VALUE + key + head);
    if (path) fields.add(PATH_VALUE + path + head);
    if (leaf.number !== null) {
      const number = encode(String(leaf.number));
      if (number !== head) {
        fields.add(KEY_VALUE + key + number);
        if (path) fields.add(PATH_VALUE + path + number);
      }
    }
    fields.add(KEY + key);
    if (path) fields.add(PATH + path);
  }
  for (const field of fields) parts.push(field);
  return parts.join(" ");
}

const token = (mark: string, text: string) => `"${mark}${encode(text)}"`;
const prefix = (mark: string, text: string) => `"${mark}${encode(text)}" *`;

export type TermPlan = { tokens: string[]; exact: boolean; all?: string[] };

/** Tokens that every match of a substring contains; exact when one token decides it. */
function substringTokens(piece: string): TermPlan & { all: string[] } {
  const chars = Array.from(piece);
  if (chars.length < 2) return { tokens: [], exact: false, all: [] };
  if (chars.length === 2) return { tokens: [prefix("", piece)], exact: true, all: [] };
  // Every third trigram and the last cover every character: fewer lists to intersect.
  const starts = new Set<number>();
  for (let i = 0; i + 3 <= chars.length; i += 3) starts.add(i);
  starts.add(chars.length - 3);
  const trigram = (i: number) => token("", chars.slice(i, i + 3).join(""));
  const all = Array.from({ length: chars.length - 2 }, (_, i) => trigram(i));
  return { tokens: [...starts].map(trigram), exact: chars.length === 3, all };
}

function patternTokens(pattern: string): TermPlan {
  const pieces = pattern.split("*");
  const found = pieces.map(substringTokens);
  return {
    tokens: found.flatMap((piece) => piece.tokens),
    exact: pieces.length === 1 && (found[0]?.exact ?? false),
    all: found.flatMap((piece) => piece.all),
  };
}

/** The index tokens one term (taken as positive) needs; exact when they decide it. */
export function termPlan(term: SearchTerm): TermPlan {
  if (term.kind === "text") return patternTokens(term.pattern);
  const name = token(term.path ? PATH : KEY, `${term.field}=`);
  const pairMark = term.path ? PATH_VALUE : KEY_VALUE;
  const pair = (value: string) => `${term.field}=${value}`;
  if (term.kind === "compare") return { tokens: [name], exact: false };
  if (!term.quoted && term.pattern === "*") return { tokens: [name], exact: true };
  const number = term.quoted ? null : parseNumber(term.pattern);
  if (number !== null) return { tokens: [token(pairMark, pair(String(number)))], exact: true };
  const star = term.quoted ? -1 : term.pattern.indexOf("*");
  if (star === -1) {
    const exact = Array.from(term.pattern).length < VALUE_PREFIX_CHARS;
    return { tokens: [token(pairMark, pair(head(term.pattern)))], exact };
  }
  const before = term.pattern.slice(0, star);
  if (star === term.pattern.length - 1 && Array.from(before).length <= VALUE_PREFIX_CHARS) {
    return { tokens: [prefix(pairMark, pair(before))], exact: true };
  }
  const inside = patternTokens(term.pattern);
  return { tokens: [name, ...inside.tokens], exact: false, all: inside.all };
}

/**
 * How the index answers a query: `match` is an FTS5 expression every matching delivery
 * satisfies (null when no term narrows the search: every delivery is a candidate), and
 * `exact` says that its candidates are the answer, with nothing left to check. `match`
 * is the AND of `tokens`; `held` adds every other trigram a match holds (the ones between
 * every third), for a page to choose the rarest from (narrow-search-match.ts).
 */
export type SearchPlan = { match: string | null; exact: boolean; tokens: string[]; held: string[] };

export function planSearch(query: SearchQuery): SearchPlan {
  const tokens: string[] = [];
  const held: string[] = [];
  let exact = true;
  for (const term of query.terms) {
    if (term.negate) {
      exact = false;
      continue;
    }
    const plan = termPlan(term);
    tokens.push(...plan.tokens);
    held.push(...plan.tokens, ...(plan.all ?? []));
    exact &&= plan.exact && plan.tokens.length > 0;
  }
  const unique = [...new Set(tokens)];
  return {
    match: unique.length ? unique.join(" AND ") : null,
    exact: exact && unique.length > 0,
    tokens: unique,
    held: [...new Set(held)],
  };
}
