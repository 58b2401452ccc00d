/**
 * JSON.parse with a nesting cap checked first, so that a hostile 10,000-deep body is
 * refused in one linear pass instead of reaching the parser.
 */
export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

export const DEFAULT_MAX_DEPTH = 64;

export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** True when the text has at most `limit` opening brackets (so cannot nest deeper):
 *  indexOf runs natively, far faster than walking every character. */
function fewOpenings(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ["{", "["]) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      if (++count > limit) return false;
    }
  }
  return true;
}

export function parseJson(text: string, maxDepth = DEFAULT_MAX_DEPTH): JsonParse {
  const depth = fewOpenings(text, maxDepth) ? 0 : nestingDepth(text);
  if (depth > maxDepth) {
    return { ok: false, error: `JSON nesting deeper than ${maxDepth} levels (${depth})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A stored JSON object (robot header and body settings); anything else reads as {}. */
export function jsonObjectOrEmpty(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : {};
  } catch {
    return {};
  }
}
