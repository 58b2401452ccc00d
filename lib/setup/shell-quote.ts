/**
 * POSIX shell quoting for the climc commands the wizard prints. Inside single quotes a
 * shell expands nothing ($, `, \, !, newlines all stay literal), so any value is safe once
 * each embedded ' is written as '\'' . Plain words stay bare so that commands read well.
 */
const BARE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(value: string): string {
  // argv strings end at NUL: no quoting can carry one, so refuse rather than truncate.
  if (value.includes("\0")) throw new Error("a shell argument cannot contain a NUL character");
  if (BARE_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Splits a command line the way a POSIX shell does for the quoting shellQuote produces
 * (single quotes, double quotes with \-escapes, backslashes, whitespace). Used to read
 * copied commands back in tests; it does not expand variables.
 */
export function shellSplit(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === "'") {
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
