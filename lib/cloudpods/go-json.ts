/**
 * JSON text the way Go's encoding/json writes it (the platform is written in Go):
 * HTML-sensitive characters and U+2028/U+2029 escaped, map keys sorted, compact.
 * Used to re-create bytes the platform would send, not for Hooklens's own API.
 */
const NEEDS_ESCAPE = /["\\<>&\u0000-\u001f\u2028\u2029]/;

/** What JSON.stringify writes that Go writes otherwise; `\\\\` is matched whole so that an
 *  escaped backslash followed by "b" is not taken for `\b`. */
const GO_DIFFERENCES = /\\[bf\\]|[<>&\u2028\u2029]/g;
const GO_SPELLING: Record<string, string> = {
  "\\b": "\\u0008",
  "\\f": "\\u000c",
  "\\\\": "\\\\",
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

const GO_HTML = /[<>&\u2028\u2029]/g;
const goSpelling = (match: string) => GO_SPELLING[match]!;

export function goQuote(value: string): string {
  // Most strings need no escape at all: skip the escaping for them.
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  // JSON.stringify escapes natively (quotes, backslashes, control characters); only
  // Go's HTML and line-separator escapes and its spelling of \b and \f are put on top.
  // Without \b or \f no escape needs telling apart, so escaped backslashes are passed over.
  const differences = value.includes("\b") || value.includes("\f") ? GO_DIFFERENCES : GO_HTML;
  return JSON.stringify(value).replace(differences, goSpelling);
}

/** Go's json.Marshal of a decoded JSON value: compact, object keys sorted. */
export function goMarshal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return "[" + value.map(goMarshal).join(",") + "]";
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return "{" + keys.map((key) => goQuote(key) + ":" + goMarshal(record[key])).join(",") + "}";
  }
  return "null";
}

/**
 * A string as the platform's JSON writer (yunion.io/x/jsonutils) writes it: `"` and `\`
 * escaped, \b \f \n \r \t as such, never `<`, `>`, `&` or U+2028/U+2029, non-ASCII as
 * UTF-8. Other control characters are \u00XX, or raw with `rawControl` (releases before
 * mid-2026), which makes the body not strict JSON.
 */
const JSONUTILS_NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

const JSONUTILS_ESCAPES = /["\\\u0000-\u001f]/g;
const JSONUTILS_SHORT = /["\\\b\f\n\r\t]/g;
const jsonutilsEscape = (char: string) =>
  SHORT_ESCAPES[char] ?? "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0");
const shortEscape = (char: string) => SHORT_ESCAPES[char]!;
const SURROGATE = /[\ud800-\udfff]/;

export function jsonutilsQuote(value: string, rawControl = false): string {
  if (!JSONUTILS_NEEDS_ESCAPE.test(value)) return `"${value}"`;
  // JSON.stringify escapes exactly these the same way, natively; it differs only on lone
  // surrogates, which it escapes and jsonutils writes as they are (issue 13: a walk in
  // JavaScript took 100 ms for a 1 MiB string).
  if (!rawControl && !SURROGATE.test(value)) return JSON.stringify(value);
  const escaped = rawControl
    ? value.replace(JSONUTILS_SHORT, shortEscape)
    : value.replace(JSONUTILS_ESCAPES, jsonutilsEscape);
  return `"${escaped}"`;
}

/** jsonutils' output of a decoded JSON value: compact, object keys sorted. */
export function jsonutilsMarshal(value: unknown, rawControl = false): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return jsonutilsQuote(value, rawControl);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) {
    return "[" + value.map((item) => jsonutilsMarshal(item, rawControl)).join(",") + "]";
  }
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    const fields = keys.map(
      (key) => jsonutilsQuote(key, rawControl) + ":" + jsonutilsMarshal(record[key], rawControl),
    );
    return "{" + fields.join(",") + "}";
  }
  return "null";
}
