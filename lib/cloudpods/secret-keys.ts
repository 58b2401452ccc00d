/**
 * Which JSON keys hold secrets, matched by normalized words rather than by spelling: a
 * key is split into words at `_`, `-`, `.`, spaces and camelCase humps, lower-cased,
 * and a plural `s` comes off its last word. It is secret when its words end with one of
 * the listed phrases (`adminPassword`, `db.password`, `root-passwords` all end with
 * `password`; `secretKey`, `SECRET_KEY` with `secret key`), or when its last word ends
 * with a phrase written as one word (`rootpassword`, `apikey`).
 */

/** Always secret, whatever HOOKLENS_REDACT_KEYS says. */
export const ALWAYS_SECRET_KEYS = ["password", "passwd", "passphrase", "secret"];

/** The default list on top of those (HOOKLENS_REDACT_KEYS replaces it). */
export const DEFAULT_SECRET_KEYS = [
  "pwd",
  "secret_key",
  "secret_access_key",
  "private_key",
  "api_key",
  "access_token",
  "auth_token",
  "refresh_token",
  "session_token",
  "bearer_token",
  "credential",
];

/** Decides whether a key holds a secret; `keyPattern` finds, in one pass over the raw
 *  text, a key that might (ending with the last word of a phrase, then its closing quote
 *  and colon), so that a body without one is passed over. */
export type SecretKeyMatcher = ((key: string) => boolean) & { keyPattern: RegExp };

function singular(word: string): string {
  return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

const isUpper = (code: number) => code >= 0x41 && code <= 0x5a;
const isLower = (code: number) => code >= 0x61 && code <= 0x7a;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** `adminPasswords` → ["admin", "password"]; `API_KEY` → ["api", "key"]. One walk over
 *  the key (every key of a body goes through here, so no closure is made per call).
 *  Letters outside ASCII join words. */
export function keyWords(key: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= key.length; i++) {
    const code = i < key.length ? key.charCodeAt(i) : 0;
    let boundary: boolean;
    if (isUpper(code)) {
      // A hump (passW) or the last capital of an acronym before a word (APIKey).
      const previous = key.charCodeAt(i - 1);
      boundary =
        isLower(previous) ||
        isDigit(previous) ||
        (isUpper(previous) && isLower(key.charCodeAt(i + 1)));
    } else boundary = !(isLower(code) || isDigit(code) || code > 0x7f);
    const wordChar = isUpper(code) || !boundary;
    if (boundary && start >= 0) {
      words.push(key.slice(start, i).toLowerCase());
      start = -1;
    }
    if (wordChar && start < 0) start = i;
  }
  const last = words.pop();
  if (last !== undefined) words.push(singular(last));
  return words;
}

function endsWithPhrase(words: string[], phrase: string[]): boolean {
  if (phrase.length > words.length) return false;
  const offset = words.length - phrase.length;
  for (let i = 0; i < phrase.length; i++) if (words[offset + i] !== phrase[i]) return false;
  return true;
}

function endsWithAny(word: string, suffixes: string[]): boolean {
  for (const suffix of suffixes) if (word.endsWith(suffix)) return true;
  return false;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function makeSecretKeyMatcher(
  keys: readonly string[] = DEFAULT_SECRET_KEYS,
): SecretKeyMatcher {
  const phrases = [...ALWAYS_SECRET_KEYS, ...keys]
    .map(keyWords)
    .filter((words) => words.length > 0);
  const glued = phrases.map((words) => words.join(""));
  const lastWords = [...new Set(phrases.map((words) => words.at(-1)!))];
  // A key whose text does not end with one of the last words (an `s` and non-word
  // characters may follow) cannot match: one native test spares splitting most keys into
  // words (issue 13: bodies of 100,000 keys). Case-folded with `u`, as toLowerCase folds
  // the Kelvin sign into `k`.
  const ending = new RegExp(
    `(?:${lastWords.map(escapeRegExp).join("|")})s?[^a-zA-Z0-9\u{80}-\u{10FFFF}]*$`,
    "iu",
  );
  const matcher = (key: string) => {
    if (!ending.test(key)) return false;
    const words = keyWords(key);
    const last = words.at(-1);
    // Nearly every key ends with none of the phrases' last words: that settles it.
    if (last === undefined || !endsWithAny(last, lastWords)) return false;
    for (const phrase of phrases) if (endsWithPhrase(words, phrase)) return true;
    return endsWithAny(last, glued);
  };
  const keyPattern = new RegExp(
    `(?:${lastWords.map(escapeRegExp).join("|")})s?[^\\p{L}\\p{N}"\\\\]{0,16}\\\\*"\\s*:`,
    "iu",
  );
  return Object.assign(matcher, { keyPattern });
}
