import { parseNumber, type SearchQuery, type SearchTerm } from "./parse-search-query";
import type { SearchDocument, SearchLeaf } from "./search-document";

/** Lowercasing the way the index does, so that both sides always fold alike. */
export const foldCase = (text: string) => text.toLowerCase();

const patterns = new Map<string, RegExp>();

/** `*` is any run of characters; everything else is literal. Anchored when `whole`. */
function wildcardRegExp(pattern: string, whole: boolean): RegExp {
  const key = `${whole ? "w" : "s"}${pattern}`;
  let found = patterns.get(key);
  if (!found) {
    const body = pattern
      .split("*")
      .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[\\s\\S]*");
    found = new RegExp(whole ? `^${body}$` : body, "u");
    if (patterns.size > 1_000) patterns.clear();
    patterns.set(key, found);
  }
  return found;
}

function textMatches(pattern: string, text: string, whole: boolean, literal: boolean): boolean {
  const folded = foldCase(text);
  if (literal || !pattern.includes("*"))
    return whole ? folded === pattern : folded.includes(pattern);
  return wildcardRegExp(pattern, whole).test(folded);
}

function leavesOf(document: SearchDocument, field: string, path: boolean): SearchLeaf[] {
  return document.leaves.filter((leaf) => (path ? leaf.path === field : leaf.key === field));
}

function compare(op: string, left: number, right: number): boolean {
  if (op === ">") return left > right;
  if (op === ">=") return left >= right;
  if (op === "<") return left < right;
  return left <= right;
}

function termHolds(term: SearchTerm, document: SearchDocument): boolean {
  if (term.kind === "text") {
    return (
      document.leaves.some((leaf) => textMatches(term.pattern, leaf.value, false, false)) ||
      document.texts.some((text) => textMatches(term.pattern, text, false, false))
    );
  }
  const leaves = leavesOf(document, term.field, term.path);
  if (term.kind === "compare") {
    return leaves.some((leaf) => leaf.number !== null && compare(term.op, leaf.number, term.value));
  }
  if (term.pattern === "*" && !term.quoted) return leaves.length > 0;
  const asNumber = term.quoted ? null : parseNumber(term.pattern);
  return leaves.some(
    (leaf) =>
      textMatches(term.pattern, leaf.value, true, term.quoted) ||
      (asNumber !== null && leaf.number === asNumber),
  );
}

/** True when every term holds (a negated term: when it does not). */
export function matchesSearch(query: SearchQuery, document: SearchDocument): boolean {
  return query.terms.every((term) => termHolds(term, document) !== term.negate);
}
