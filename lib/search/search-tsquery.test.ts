import { describe, expect, it } from "vitest";
import { matchesSearch } from "./match-search";
import { parseSearchQuery } from "./parse-search-query";
import { searchDocument } from "./search-document";
import { documentTerms, VALUE_PREFIX_CHARS } from "./search-terms";
import { deliveries, queries } from "./search-test-cases";
import {
  cutLexeme,
  documentLexemes,
  MAX_LEXEME_BYTES,
  MAX_VECTOR_BYTES,
  OVERFLOW_LEXEME,
  quoteLexeme,
  searchTsquery,
  tsqueryText,
  type TsqueryPlan,
} from "./search-tsquery";

const plan = (text: string) => searchTsquery(parseSearchQuery(text));
/** The private-use encoding of ASCII punctuation (search-terms.ts). */
const enc = (char: string) => String.fromCharCode(0xe000 + char.charCodeAt(0));
const KEY = "\uE0F2";
const KEY_VALUE = "\uE0F0";
const PATH_VALUE = "\uE0F1";
const EQ = enc("=");
const OVERFLOW = `'${OVERFLOW_LEXEME}'`;

/** What `vector @@ tsquery` answers for these parts, as PostgreSQL evaluates them. */
function satisfies(found: TsqueryPlan, lexemes: Set<string>): boolean {
  if (found.tsquery === null || lexemes.has(OVERFLOW_LEXEME)) return true;
  return found.parts.every((part) => {
    const held = part.prefix
      ? [...lexemes].some((lexeme) => lexeme.startsWith(part.lexeme))
      : lexemes.has(part.lexeme);
    return held !== part.negate;
  });
}

describe("searchTsquery", () => {
  it("asks a 3-character substring as its one trigram, exactly", () => {
    expect(plan("abc")).toEqual({
      tsquery: `('abc') | ${OVERFLOW}`,
      parts: [{ lexeme: "abc", prefix: false, negate: false }],
      exact: true,
    });
  });

  it("asks a 2-character substring as a prefix, which the end mark makes exact", () => {
    expect(plan("ab")).toMatchObject({ tsquery: `('ab':*) | ${OVERFLOW}`, exact: true });
    expect(plan("测试").tsquery).toBe(`('测试':*) | ${OVERFLOW}`);
  });

  it("ANDs every third trigram and the last of a longer substring, and checks it", () => {
    expect(plan("abcdefg")).toMatchObject({
      tsquery: `('abc' & 'def' & 'efg') | ${OVERFLOW}`,
      exact: false,
    });
  });

  it("encodes punctuation the way the index does", () => {
    expect(plan("10.1").parts.map((part) => part.lexeme)).toEqual([
      `10${enc(".")}`,
      `0${enc(".")}1`,
    ]);
  });

  it("asks a field term by its key=value lexeme, a dotted one by its path", () => {
    expect(plan("status:running")).toMatchObject({
      parts: [{ lexeme: `${KEY_VALUE}status${EQ}running`, prefix: false, negate: false }],
      exact: true,
    });
    expect(plan("metadata.owner:a").parts[0]!.lexeme).toBe(
      `${PATH_VALUE}metadata${enc(".")}owner${EQ}a`,
    );
  });

  it("asks value* as a prefix of the pair, exactly", () => {
    expect(plan("tier:front*")).toMatchObject({
      parts: [{ lexeme: `${KEY_VALUE}tier${EQ}front`, prefix: true, negate: false }],
      exact: true,
    });
  });

  it("asks a field that exists (key:*) and comparisons by the key alone", () => {
    expect(plan("eip:*")).toMatchObject({
      parts: [{ lexeme: `${KEY}eip${EQ}`, prefix: false, negate: false }],
      exact: true,
    });
    expect(plan("vcpu_count:>4")).toMatchObject({
      parts: [{ lexeme: `${KEY}vcpu${enc("_")}count${EQ}`, prefix: false, negate: false }],
      exact: false,
    });
  });

  it("asks a number by its canonical form", () => {
    expect(plan("size:08").parts[0]!.lexeme).toBe(`${KEY_VALUE}size${EQ}8`);
  });

  it("adds NOT for a negated term one token decides, and stays checked", () => {
    const found = plan("status:running -host:node-48");
    expect(found.parts).toEqual([
      { lexeme: `${KEY_VALUE}status${EQ}running`, prefix: false, negate: false },
      { lexeme: `${KEY_VALUE}host${EQ}node${enc("-")}48`, prefix: false, negate: true },
    ]);
    expect(found.tsquery).toBe(
      `('${KEY_VALUE}status${EQ}running' & !'${KEY_VALUE}host${EQ}node${enc("-")}48') | ${OVERFLOW}`,
    );
    expect(found.exact).toBe(false);
  });

  it("leaves out the NOT of a negated term that needs its body checked", () => {
    expect(plan("web -web-b").parts.filter((part) => part.negate)).toEqual([]);
    expect(plan("web -vcpu_count:>10").parts.filter((part) => part.negate)).toEqual([]);
  });

  it("narrows nothing when every term is negated or nothing names a token", () => {
    expect(plan("-status:running")).toEqual({ tsquery: null, parts: [], exact: false });
    expect(plan("a")).toEqual({ tsquery: null, parts: [], exact: false });
  });

  it("asks a value past the indexed prefix by its head, and checks it", () => {
    const long = "x".repeat(VALUE_PREFIX_CHARS + 5);
    expect(plan(`name:${long}`)).toMatchObject({
      parts: [{ lexeme: `${KEY_VALUE}name${EQ}${"x".repeat(VALUE_PREFIX_CHARS)}`, prefix: false }],
      exact: false,
    });
  });

  it("cuts a token past tsvector's lexeme limit into a checked prefix, and never negates it", () => {
    const field = `f${"a".repeat(3000)}`;
    const found = plan(`${field}:*`);
    expect(found.parts).toHaveLength(1);
    expect(Buffer.byteLength(found.parts[0]!.lexeme)).toBeLessThanOrEqual(MAX_LEXEME_BYTES);
    expect(found.parts[0]!.prefix).toBe(true);
    expect(found.exact).toBe(false);
    expect(plan(`eip:* -${field}:*`).parts).toHaveLength(1);
  });

  it("always admits a delivery whose terms overflowed", () => {
    expect(plan("status:running").tsquery).toContain(`| ${OVERFLOW}`);
  });
});

describe("quoteLexeme and tsqueryText", () => {
  it("doubles quotes and escapes backslashes, nothing else", () => {
    expect(quoteLexeme("it's")).toBe("'it''s'");
    expect(quoteLexeme("a\\b")).toBe("'a\\\\b'");
    expect(quoteLexeme("测 x")).toBe("'测 x'");
  });

  it("writes prefixes and negations", () => {
    expect(
      tsqueryText([
        { lexeme: "ab", prefix: true, negate: false },
        { lexeme: "cd", prefix: false, negate: true },
      ]),
    ).toBe(`('ab':* & !'cd') | ${OVERFLOW}`);
  });
});

describe("cutLexeme", () => {
  it("keeps what fits", () => {
    expect(cutLexeme("abc")).toEqual({ lexeme: "abc", cut: false });
    const fits = "é".repeat(MAX_LEXEME_BYTES / 2);
    expect(cutLexeme(fits)).toEqual({ lexeme: fits, cut: false });
  });

  it("cuts at a character boundary within the byte limit", () => {
    const { lexeme, cut } = cutLexeme("测".repeat(1000));
    expect(cut).toBe(true);
    expect(lexeme).toBe("测".repeat(Math.floor(MAX_LEXEME_BYTES / 3)));
    const emoji = cutLexeme("😀".repeat(600)).lexeme;
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(MAX_LEXEME_BYTES);
    expect(emoji).toBe("😀".repeat(Math.floor(MAX_LEXEME_BYTES / 4)));
  });

  it("cuts a term and its own prefix alike, so the cut prefix still finds it", () => {
    const term = "b".repeat(5000);
    expect(term.startsWith(cutLexeme(term.slice(0, 4000)).lexeme)).toBe(true);
    expect(cutLexeme(term).lexeme).toBe(cutLexeme(term.slice(0, 4000)).lexeme);
  });
});

describe("documentLexemes", () => {
  it("keeps each term once", () => {
    expect(documentLexemes("abc bcd abc")).toEqual(["abc", "bcd"]);
    expect(documentLexemes("")).toEqual([]);
  });

  it("cuts long terms", () => {
    const [lexeme] = documentLexemes("z".repeat(4000));
    expect(lexeme).toHaveLength(MAX_LEXEME_BYTES);
  });

  it("stands a vector that would not fit for the overflow lexeme", () => {
    const terms = Array.from({ length: MAX_VECTOR_BYTES / 8 + 10 }, (_, i) =>
      `t${i}`.padEnd(9, "x"),
    );
    expect(documentLexemes(terms.join(" "))).toEqual([OVERFLOW_LEXEME]);
  });
});

describe("the tsquery against the matcher", () => {
  const documents = deliveries.map((delivery) =>
    searchDocument({
      body: null,
      details: delivery.details,
      messageKey: null,
      resourceName: delivery.name ?? null,
      resourceId: null,
      message: delivery.message ?? null,
      eventType: null,
    }),
  );
  const vectors = documents.map((document) => new Set(documentLexemes(documentTerms(document))));
  const extra = [
    "-host:node-48 status:running",
    "ab",
    "10.168",
    "web -ready",
    "host:node-48 -cpu_count:*",
  ];

  it.each([...queries, ...extra])(
    "%s: never leaves out a match, and is the answer when exact",
    (text) => {
      const query = parseSearchQuery(text);
      const found = searchTsquery(query);
      documents.forEach((document, i) => {
        const match = matchesSearch(query, document);
        const candidate = satisfies(found, vectors[i]!);
        if (match) expect({ text, i, candidate }).toEqual({ text, i, candidate: true });
        if (found.exact) expect({ text, i, candidate }).toEqual({ text, i, candidate: match });
      });
    },
  );

  it("admits every delivery whose vector overflowed", () => {
    const overflowed = new Set([OVERFLOW_LEXEME]);
    for (const text of queries) expect(satisfies(plan(text), overflowed)).toBe(true);
  });

  it("exact on plain field terms, as on SQLite", () => {
    expect(plan("status:running").exact).toBe(true);
    expect(plan("qcow2").exact).toBe(false);
  });
});
