import { goQuote } from "./go-json";
import type { HeaderPairs } from "./headers";
import { parseJson } from "./parse-json";

/**
 * Removes secret values (the platform sends plaintext passwords on server create,
 * rebuild_root and reset_password) from a JSON body without re-serializing it: every
 * other byte stays as received. The message the platform repeats as a JSON string
 * under msg_key is redacted too, and re-quoted the way Go quotes it.
 */
export const REDACTED = "[redacted]";

export const DEFAULT_SECRET_KEYS = [
  "password",
  "passwd",
  "pwd",
  "secret",
  "secret_key",
  "secret_access_key",
  "access_key_secret",
  "client_secret",
  "private_key",
  "admin_password",
  "root_password",
  "login_password",
  "db_password",
  "auth_token",
];

/** Decides whether a key holds a secret; `keyPattern` finds, in one pass over the raw
 *  text, a key that might (a fragment every such key contains, then the key's closing
 *  quote and colon), so that a body without one is passed over. */
export type SecretKeyMatcher = ((key: string) => boolean) & { keyPattern?: RegExp };

const SUFFIXES = ["password", "passwd", "secret"];

export function makeSecretKeyMatcher(
  keys: readonly string[] = DEFAULT_SECRET_KEYS,
): SecretKeyMatcher {
  const exact = new Set(keys.map((key) => key.toLowerCase()));
  const matcher = (key: string) => {
    const lower = key.toLowerCase();
    return exact.has(lower) || /(^|_)(password|passwd|secret)$/.test(lower);
  };
  const fragments = [...new Set([...exact, ...SUFFIXES])].map((f) =>
    f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
  );
  const keyPattern = new RegExp(`(?:${fragments.join("|")})[^"\\\\]{0,128}\\\\*"\\s*:`, "i");
  return Object.assign(matcher, { keyPattern });
}

function mightHoldSecret(text: string, keyPattern: RegExp): boolean {
  // A key may be spelled with \u escapes ("pass\u0077ord"): those bodies get the full scan.
  return text.includes("\\u") || keyPattern.test(text);
}

function isSpace(code: number | undefined) {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

type Replacement = { start: number; end: number; text: string };

class Scanner {
  readonly replacements: Replacement[] = [];
  constructor(
    private readonly text: string,
    private readonly isSecret: (key: string) => boolean,
    private readonly found: string[][],
    private readonly prefix: string[],
  ) {}

  private skipSpace(i: number): number {
    while (i < this.text.length && isSpace(this.text.charCodeAt(i))) i++;
    return i;
  }

  private stringEnd(i: number): number {
    for (let j = i + 1; j < this.text.length; j++) {
      const c = this.text[j];
      if (c === "\\") j++;
      else if (c === '"') return j + 1;
    }
    return this.text.length;
  }

  /** The index after the object or array that starts at i. */
  private compositeEnd(i: number): number {
    let depth = 0;
    for (let j = i; j < this.text.length; j++) {
      const c = this.text[j];
      if (c === '"') j = this.stringEnd(j) - 1;
      else if (c === "{" || c === "[") depth++;
      else if ((c === "}" || c === "]") && --depth === 0) return j + 1;
    }
    return this.text.length;
  }

  private redact(start: number, end: number, path: string[]) {
    this.replacements.push({ start, end, text: goQuote(REDACTED) });
    this.found.push([...this.prefix, ...path]);
  }

  /** Scans the value at i, returns the index after it. */
  value(i: number, path: string[], secret: boolean): number {
    i = this.skipSpace(i);
    const c = this.text[i];
    if (secret && (c === "{" || c === "[")) {
      // A secret key holding an object or a list: all of it goes.
      const end = this.compositeEnd(i);
      this.redact(i, end, path);
      return end;
    }
    if (c === "{") return this.object(i, path);
    if (c === "[") return this.array(i, path);
    let end: number;
    if (c === '"') end = this.stringEnd(i);
    else {
      end = i;
      while (
        end < this.text.length &&
        !isSpace(this.text.charCodeAt(end)) &&
        !",]}".includes(this.text[end]!)
      )
        end++;
    }
    // null and booleans (has_password: true) say whether, not what: they stay.
    const literal = c === "n" || c === "t" || c === "f";
    if (secret && !literal) this.redact(i, end, path);
    else if (c === '"') this.nested(i, end, path);
    return end;
  }

  /** A string that holds JSON (the message under msg_key) is redacted inside too. */
  private nested(start: number, end: number, path: string[]) {
    if (this.text[start + 1] !== "{") return;
    const decoded = JSON.parse(this.text.slice(start, end)) as string;
    if (!parseJson(decoded).ok) return;
    const inner = redactText(decoded, this.isSecret, this.found, [...this.prefix, ...path]);
    if (inner !== decoded) this.replacements.push({ start, end, text: goQuote(inner) });
  }

  private object(i: number, path: string[]): number {
    i = this.skipSpace(i + 1);
    if (this.text[i] === "}") return i + 1;
    for (;;) {
      i = this.skipSpace(i);
      const keyEnd = this.stringEnd(i);
      const key = JSON.parse(this.text.slice(i, keyEnd)) as string;
      i = this.skipSpace(keyEnd) + 1; // the colon
      i = this.skipSpace(this.value(i, [...path, key], this.isSecret(key)));
      if (this.text[i] === ",") i++;
      else return i + 1;
    }
  }

  private array(i: number, path: string[]): number {
    i = this.skipSpace(i + 1);
    if (this.text[i] === "]") return i + 1;
    for (let index = 0; ; index++) {
      i = this.skipSpace(this.value(i, [...path, String(index)], false));
      if (this.text[i] === ",") i++;
      else return i + 1;
    }
  }
}

function redactText(
  text: string,
  isSecret: (key: string) => boolean,
  found: string[][],
  prefix: string[],
): string {
  const scanner = new Scanner(text, isSecret, found, prefix);
  scanner.value(0, [], false);
  let out = text;
  for (const r of scanner.replacements.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, r.start) + r.text + out.slice(r.end);
  }
  return out;
}

/** Field paths as operators read them: relative to resource_details, dotted, unique. */
function fieldNames(paths: string[][]): string[] {
  const names = paths.map((path) => {
    const at = path.indexOf("resource_details");
    return (at >= 0 ? path.slice(at + 1) : path).join(".");
  });
  return [...new Set(names)];
}

/** `text` must be valid JSON (the caller parsed it already). */
export function redactSecrets(
  text: string,
  isSecret: SecretKeyMatcher = makeSecretKeyMatcher(),
): { text: string; fields: string[] } {
  if (isSecret.keyPattern && !mightHoldSecret(text, isSecret.keyPattern))
    return { text, fields: [] };
  const found: string[][] = [];
  const redacted = redactText(text, isSecret, found, []);
  return { text: redacted, fields: fieldNames(found) };
}

/** Headers that carry a credential for the receiver itself (a robot `header` may set them). */
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);

/**
 * Redacts credential headers, and X-Auth-Token once the body was redacted: it is an
 * HMAC of the original bytes, so with the rest of the body stored it would let a guessed
 * password be checked offline. Names and order stay as received.
 */
export function redactHeaders(headers: HeaderPairs, bodyRedacted: boolean): HeaderPairs {
  return headers.map(([name, value]) => {
    const lower = name.toLowerCase();
    const secret = CREDENTIAL_HEADERS.has(lower) || (bodyRedacted && lower === "x-auth-token");
    return [name, secret ? REDACTED : value];
  });
}
