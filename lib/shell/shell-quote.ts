/**
 * Quoting for the shell commands Hooklens prints to be pasted: the wizard's climc commands
 * and a delivery's "copy as curl". Pure; runs in the browser too.
 */

/**
 * Characters a terminal or its line editor may act on when the command is pasted, even
 * inside quotes: C0 controls but the newline (ESC starts sequences such as the end of a
 * bracketed paste, after which a newline runs the next line; tab completes; ^C, ^U edit),
 * DEL, C1 controls (U+009B is an 8-bit CSI), and invisible format characters that make
 * the text read otherwise than it runs (bidi overrides, zero-width, line separators).
 */
export const TERMINAL_ACTIONABLE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]/;

const BARE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

const hex = (byte: number) => `\\x${byte.toString(16).padStart(2, "0")}`;

/** Bash's $'…' with every character outside printable ASCII written as \xNN escapes:
 *  of its UTF-8 bytes, or with `latin1` of the one byte each character stood for. */
export function ansiCQuote(text: string, latin1 = false): string {
  let out = "$'";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === "'" || char === "\\") out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (latin1 && code <= 0xff) out += hex(code);
    else for (const byte of new TextEncoder().encode(char)) out += hex(byte);
  }
  return out + "'";
}

/**
 * One shell word that the shell turns back into `value` exactly. Inside single quotes a
 * shell expands nothing ($, `, \, !, newlines stay literal), so any value is safe once
 * each embedded ' is written as '\'' ; a value holding a character a terminal could act
 * on goes as bash's $'…' escapes instead, so that pasting it cannot run or edit anything.
 * Plain words stay bare (unless `bare` is false) so that commands read well.
 */
export function shellQuote(value: string, options: { bare?: boolean } = {}): string {
  // argv strings end at NUL: no quoting can carry one, so refuse rather than truncate.
  if (value.includes("\0")) throw new Error("a shell argument cannot contain a NUL character");
  if (TERMINAL_ACTIONABLE.test(value)) return ansiCQuote(value);
  if (options.bare !== false && BARE_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The bytes of a $'…' word from `start` (just after the opening quote) to its end. */
function readAnsiC(line: string, start: number): { text: string; end: number } {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = start; i < line.length; i++) {
    const char = line[i]!;
    if (char === "'") return { text: new TextDecoder().decode(new Uint8Array(bytes)), end: i };
    if (char === "\\" && line[i + 1] === "x") {
      bytes.push(parseInt(line.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (char === "\\" && i + 1 < line.length) {
      bytes.push(...encoder.encode(line[++i]));
    } else bytes.push(...encoder.encode(char));
  }
  throw new Error("unterminated $' quote");
}

/**
 * Splits a command line the way bash does for the quoting shellQuote produces (single
 * quotes, $'…' with \xNN, double quotes with \-escapes, backslashes, whitespace). Used to
 * read copied commands back in tests; it does not expand variables.
 */
export function shellSplit(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === "$" && line[i + 1] === "'") {
      const { text, end } = readAnsiC(line, i + 2);
      word += text;
      inWord = true;
      i = end;
    } else if (char === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error("unterminated single quote");
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (char === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\" && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1]!)) i++;
        word += line[i];
        i++;
      }
      if (i >= line.length) throw new Error("unterminated double quote");
      inWord = true;
    } else if (char === "\\" && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
