/**
 * The feed's search language, parsed into terms that must all hold:
 *
 *   10.168.115.57        free text: a substring of any value, case-insensitive
 *   "fa:16:3e:01"        quoted: spaces and colons are part of the text
 *   status:running       field term: a key anywhere in resource_details equals the value
 *   metadata.owner:a     a dotted path from the top of resource_details
 *   nics.mac:00:22:*     `*` matches any run of characters (bare values only)
 *   vcpu_count:>4        numbers compared as numbers (>, >=, <, <=)
 *   -status:deleted      a leading `-` excludes
 *
 * Pure and framework-free; every error says at which character it stopped.
 */
export type Comparison = ">" | ">=" | "<" | "<=";

export type SearchTerm =
  | { kind: "text"; negate: boolean; pattern: string; position: number }
  | {
      kind: "field";
      negate: boolean;
      field: string;
      /** True when the field is a dotted path from the top, not a key anywhere. */
      path: boolean;
      /** Lowercased; `*` is a wildcard unless the value was quoted. */
      pattern: string;
      quoted: boolean;
      position: number;
    }
  | {
      kind: "compare";
      negate: boolean;
      field: string;
      path: boolean;
      op: Comparison;
      value: number;
      position: number;
    };

export type SearchQuery = { terms: SearchTerm[] };

export class SearchSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based index of the character where the query stopped making sense. */
    readonly position: number,
  ) {
    super(`${message} (at character ${position + 1})`);
  }
}

export const MAX_SEARCH_TERMS = 16;
const FIELD = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*$/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** A decimal number written as text ("8", "-2.5", "1e3"), else null: never hex or "". */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Reads a quoted value starting at `start` (the opening quote); `\"` and `\\` escape. */
function readQuoted(input: string, start: number): { text: string; end: number } {
  let text = "";
  for (let i = start + 1; i < input.length; i++) {
    const c = input[i]!;
    if (c === "\\" && (input[i + 1] === '"' || input[i + 1] === "\\")) {
      text += input[++i];
    } else if (c === '"') {
      if (!text) throw new SearchSyntaxError("Empty quotes: put the text between them", start);
      return { text, end: i + 1 };
    } else text += c;
  }
  throw new SearchSyntaxError('Unclosed quote: add a closing "', start);
}

function readBare(input: string, start: number): { text: string; end: number } {
  let end = start;
  while (end < input.length && !isSpace(input[end])) {
    if (input[end] === '"') {
      throw new SearchSyntaxError('A quote inside a word: quote the whole value ("...")', end);
    }
    end++;
  }
  return { text: input.slice(start, end), end };
}

function fieldTerm(
  field: string,
  rawValue: { text: string; quoted: boolean },
  negate: boolean,
  position: number,
  valueAt: number,
): SearchTerm {
  const name = field.toLowerCase();
  const path = name.includes(".");
  const comparison = rawValue.quoted ? null : /^(>=|<=|>|<)(.*)$/.exec(rawValue.text);
  if (comparison) {
    const number = comparison[2]!;
    if (!NUMBER.test(number)) {
      throw new SearchSyntaxError(
        `Expected a number after ${comparison[1]} in ${field}:${rawValue.text}`,
        valueAt + comparison[1]!.length,
      );
    }
    const op = comparison[1] as Comparison;
    return { kind: "compare", negate, field: name, path, op, value: Number(number), position };
  }
  const pattern = rawValue.text.toLowerCase();
  if (!rawValue.quoted && /^\*+$/.test(pattern)) {
    return { kind: "field", negate, field: name, path, pattern: "*", quoted: false, position };
  }
  return { kind: "field", negate, field: name, path, pattern, quoted: rawValue.quoted, position };
}

/** One term starting at `start` (not a space). */
function readTerm(input: string, start: number): { term: SearchTerm; end: number } {
  let i = start;
  const negate = input[i] === "-";
  if (negate) {
    i++;
    if (i >= input.length || isSpace(input[i])) {
      throw new SearchSyntaxError("A lone -: put the term to exclude right after it", start);
    }
  }
  if (input[i] === '"') {
    const quoted = readQuoted(input, i);
    return {
      term: { kind: "text", negate, pattern: quoted.text.toLowerCase(), position: start },
      end: quoted.end,
    };
  }
  const colon = input.indexOf(":", i);
  let wordEnd = i;
  while (wordEnd < input.length && !isSpace(input[wordEnd]) && input[wordEnd] !== '"') wordEnd++;
  if (colon !== -1 && colon < wordEnd) {
    const field = input.slice(i, colon);
    if (!field) throw new SearchSyntaxError("A field term needs a field name before :", i);
    if (FIELD.test(field)) {
      const valueAt = colon + 1;
      if (valueAt >= input.length || isSpace(input[valueAt])) {
        throw new SearchSyntaxError(`${field}: needs a value after the colon`, valueAt);
      }
      const raw =
        input[valueAt] === '"'
          ? { ...readQuoted(input, valueAt), quoted: true }
          : { ...readBare(input, valueAt), quoted: false };
      return { term: fieldTerm(field, raw, negate, start, valueAt), end: raw.end };
    }
  }
  const bare = readBare(input, i);
  return {
    term: { kind: "text", negate, pattern: bare.text.toLowerCase(), position: start },
    end: bare.end,
  };
}

export function parseSearchQuery(input: string): SearchQuery {
  const terms: SearchTerm[] = [];
  let i = 0;
  while (i < input.length) {
    if (isSpace(input[i])) {
      i++;
      continue;
    }
    const { term, end } = readTerm(input, i);
    if (term.kind === "text" && /^\*+$/.test(term.pattern)) {
      throw new SearchSyntaxError("A term of only * matches everything: leave it out", i);
    }
    terms.push(term);
    if (terms.length > MAX_SEARCH_TERMS) {
      throw new SearchSyntaxError(`At most ${MAX_SEARCH_TERMS} terms`, i);
    }
    i = end;
  }
  if (terms.length === 0) throw new SearchSyntaxError("Nothing to search for", 0);
  return { terms };
}
