import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./start-server";

/**
 * Hostile inputs for every route (tests/integration/fuzz-routes.test.ts): path segments,
 * query values, JSON values and headers that a client can send and no route may answer
 * with a 500. Field names come from the zod schemas in lib/ and app/, so a field added
 * later is fuzzed without anyone listing it.
 */

/** Path segments, as they go on the wire (already percent-encoded where they need it). */
export const HOSTILE_SEGMENTS = [
  "%ff",
  "%E4%B8%AD%ff",
  "%c0%af",
  "%ED%A0%80", // a lone surrogate, UTF-8 encoded
  "%",
  "%zz",
  "%00",
  "%0a",
  "%2e%2e",
  "%2f",
  "__proto__",
  "constructor",
  "-1",
  "0",
  "1e309",
  "99999999999999999999999",
  "NaN",
  "a".repeat(3000),
  "%E4%B8%AD%E6%96%87",
];

/** Query and field values, as text (encoded with encodeURIComponent where they go in a URL). */
export const HOSTILE_TEXTS = [
  "",
  " ",
  "-1",
  "0",
  "1.5",
  "1e309",
  "99999999999999999999999",
  "NaN",
  "__proto__",
  "constructor",
  "toString",
  "\u0000",
  "\u202e\u0007",
  "中文",
  "a".repeat(5000),
  ",,,",
  "[]",
  "{}",
  "null",
  "true",
  "+275760-09-13T00:00:00.001Z",
  "2026-13-45T99:99:99Z",
  "http://127.0.0.1:9/",
  "javascript:alert(1)",
  '"',
  "(",
  "a:",
  "*",
  "-",
  "field:>=",
  "\\",
  "\u001b[201~\necho planted\n",
];

/** Raw query-string fragments that encodeURIComponent would never produce. */
export const RAW_QUERY_VALUES = ["%ff", "%", "%zz", "%ED%A0%80", "%00"];

/** JSON values as raw text (so that 1e400 and duplicate keys survive). */
export const HOSTILE_JSON_VALUES = [
  ...HOSTILE_TEXTS.map((text) => JSON.stringify(text)),
  '"\\ud800"',
  "null",
  "true",
  "-1",
  "1.5",
  "1e400",
  "-1e400",
  "99999999999999999999999",
  "[]",
  "{}",
  '[null, {}, [], "x", 1]',
  '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}',
  `[${Array.from({ length: 10_000 }, () => "1").join(",")}]`,
  "[".repeat(500) + "]".repeat(500),
  // Header lists as replays and forwarding rules take them, with what cannot be sent.
  '[["X-A","\\u0001"],["X-B","\\u007f"],["X-C","中文"],["X-D","a\\r\\nInjected: 1"],["","x"],["Bad Name","x"]]',
  '{"X-A":"\\u0001","Host":"evil","Content-Length":"-1","Transfer-Encoding":"chunked"}',
  '[["X-A"],["X-B","1","2"],[1,2]]',
];

/** Whole bodies that are not the object a route expects. */
export const HOSTILE_BODIES: Array<string | Buffer> = [
  "",
  "{",
  "[]",
  "null",
  "1",
  '"text"',
  "{}",
  '{"a":1}garbage',
  "[".repeat(200_000) + "]".repeat(200_000),
  '{"__proto__": {"polluted": 1}}',
  '{"constructor": {"prototype": {"polluted": 1}}}',
  Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), // {"<not UTF-8>":1}
  Buffer.from("\ufeff{}"),
];

/** Headers a client may send with any request; each set is tried on its own. */
export const HOSTILE_HEADERS: Array<Record<string, string>> = [
  { "content-type": "text/plain" },
  { "content-type": "application/json; charset=utf-16" },
  { "content-type": "multipart/form-data; boundary=x" },
  { "content-type": "application/x-www-form-urlencoded" },
  { "next-action": "0123456789abcdef0123456789abcdef01234567" },
  { rsc: "1", "next-router-state-tree": "%ff" },
  { rsc: "1", "next-router-state-tree": "[[[[" },
  { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/%ff" },
  { "next-url": "/%ff" },
  { accept: "text/event-stream" },
  { accept: "text/x-component" },
  { range: "bytes=999999-0" },
  { "if-none-match": "*", "if-modified-since": "yesterday" },
  { host: "%ff" },
  { host: "[::1" },
  { host: "evil.example:99999" },
  { host: "a b" },
  { "x-forwarded-host": "%ff", "x-forwarded-proto": "gopher", "x-forwarded-for": "%ff" },
  { cookie: "hooklens_session=%ff; hooklens_theme=%; a" },
  { "last-event-id": "%ff" },
  { "last-event-id": "99999999999999999999999" },
  { "x-http-method-override": "DELETE" },
  { origin: "null", "sec-fetch-site": "same-origin" },
  { "content-encoding": "gzip" },
  { "accept-encoding": "br;q=%ff" },
  { "x-hooklens-client-address": "%ff" },
  { "content-security-policy": "script-src 'nonce-chosen'" },
];

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (full.endsWith(".ts") && !full.endsWith(".test.ts")) found.push(full);
  }
  return found;
}

/** Every snake_case key declared in a file that uses zod: the names requests may carry. */
export function schemaFieldNames(): string[] {
  const names = new Set<string>();
  for (const file of [...walk(path.join(ROOT, "lib")), ...walk(path.join(ROOT, "app"))]) {
    const source = readFileSync(file, "utf8");
    if (!source.includes('from "zod"')) continue;
    for (const match of source.matchAll(/^\s{2,}([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\??: /gm))
      names.add(match[1]!);
  }
  return [...names].sort();
}
