/**
 * JSON text the way Go's encoding/json writes it (the platform is written in Go):
 * HTML-sensitive characters and U+2028/U+2029 escaped, map keys sorted, compact.
 * Used to re-create bytes the platform would send, not for Hooklens's own API.
 */
const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

const NEEDS_ESCAPE = /["\\<>&\u0000-\u001f\u2028\u2029]/;

export function goQuote(value: string): string {
  // Most strings need no escape at all: skip the per-character walk for them.
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  let out = '"';
  for (const char of value) {
    const escaped = ESCAPES[char];
    if (escaped !== undefined) out += escaped;
    else if (char < " ") out += "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0");
    else out += char;
  }
  return out + '"';
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
