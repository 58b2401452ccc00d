import { parseJson, type JsonParse } from "./parse-json";

/**
 * Releases before mid-2026 write control characters below 0x20 raw inside JSON strings
 * (yunion.io/x/jsonutils escaped only \b \f \n \r \t), so their bodies are not strict
 * JSON. This escapes them, in one linear pass, so that JSON.parse reads what the
 * platform meant. Only called after strict parsing failed: strict JSON stays the fast path.
 */
export function escapeRawControlCharacters(text: string): string | null {
  let out = "";
  let from = 0;
  let inString = false;
  let found = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!inString) {
      if (c === 0x22) inString = true;
      continue;
    }
    if (c === 0x5c) i++;
    else if (c === 0x22) inString = false;
    else if (c < 0x20) {
      found = true;
      out += text.slice(from, i) + "\\u" + c.toString(16).padStart(4, "0");
      from = i + 1;
    }
  }
  return found ? out + text.slice(from) : null;
}

/** Strict JSON first (the fast path), then with raw control characters escaped. */
export function parseLenientJson(
  text: string,
  maxDepth?: number,
): JsonParse & { lenient: boolean } {
  const strict = parseJson(text, maxDepth);
  if (strict.ok) return { ...strict, lenient: false };
  const fixed = escapeRawControlCharacters(text);
  const lenient = fixed === null ? null : parseJson(fixed, maxDepth);
  return lenient?.ok ? { ...lenient, lenient: true } : { ...strict, lenient: false };
}
