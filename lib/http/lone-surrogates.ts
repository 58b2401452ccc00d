/**
 * JSON can spell a lone UTF-16 surrogate (`"\ud800"`), which no UTF-8 text holds: SQLite
 * would store it as U+FFFD and Prisma refuses it with an error that surfaced as a 500
 * (an endpoint's msg_key or secret_key, found by the every-route fuzz test). Bodies that
 * carry one are refused as input instead. Only a `\uD8..`-`\uDF..` escape can make one
 * (the body was decoded as strict UTF-8), so the values are walked only when the text has
 * such an escape; the walk is iterative, as deep as the parser allowed.
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /\p{Cs}/u;

export function hasLoneSurrogate(text: string, parsed: unknown): boolean {
  if (!SURROGATE_ESCAPE.test(text)) return false;
  const pending: unknown[] = [parsed];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (LONE_SURROGATE.test(value)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value as unknown[]) pending.push(item);
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}
