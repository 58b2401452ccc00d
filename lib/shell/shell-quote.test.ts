import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellQuote, shellSplit, TERMINAL_ACTIONABLE } from "./shell-quote";

const NASTY = [
  "",
  "plain",
  "two words",
  "it's",
  "''",
  "'\\''",
  '"double"',
  "$(touch /tmp/hooklens-pwned)",
  "`id`",
  "$HOME ${PATH}",
  "back\\slash",
  "line\nbreak",
  "tab\there",
  "glob * ? [a]",
  "history !! !$",
  "semi; rm -rf / && echo",
  "-starts-with-dash",
  "~user",
  "名前 主机 😀",
  "a=b",
  '{"X-Team":"ops","X-Quote":"it\'s"}',
  "https://hooks.example.com/api/hooks/abc?x=1&y=2#frag",
  // What a terminal acts on while pasting: the end of a bracketed paste then a command,
  // a tab, an 8-bit CSI, a bidi override, a zero-width space.
  "robot\u001b[201~\ntouch /tmp/hooklens-pwned\n",
  "tab\tcompletes",
  "csi\u009bq",
  "admin\u202egnp.exe",
  "zero\u200bwidth",
];

const quoteEach = (words: string[]) => words.map((word) => shellQuote(word));

/** What a real shell (bash: $'…' is not POSIX sh) makes of the quoted words. */
function throughShell(words: string[]): string[] {
  const script = `printf '%s\\0' ${quoteEach(words).join(" ")}`;
  const out = execFileSync("bash", ["-c", script], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("shellQuote", () => {
  it("survives a real shell unchanged for any value", () => {
    expect(throughShell(NASTY)).toEqual(NASTY);
  });

  it("leaves plain words bare and quotes everything else", () => {
    expect(shellQuote("hooklens-prod")).toBe("hooklens-prod");
    expect(shellQuote("https://h.example/api/hooks/Ab_9-x")).toBe(
      "https://h.example/api/hooks/Ab_9-x",
    );
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("~")).toBe("'~'");
  });

  it("never lets a character a terminal acts on through raw, so pasting cannot run anything", () => {
    for (const word of quoteEach(NASTY)) expect(TERMINAL_ACTIONABLE.test(word)).toBe(false);
    expect(shellQuote("a\u001b[201~\nb")).toBe("$'a\\x1b[201~\\x0ab'");
    // A newline alone is literal inside single quotes and pastes as a continuation.
    expect(shellQuote("line\nbreak")).toBe("'line\nbreak'");
  });

  it("refuses NUL, which no argv can carry", () => {
    expect(() => shellQuote("a\0b")).toThrow(/NUL/);
  });
});

describe("shellSplit", () => {
  it("reads back what shellQuote wrote", () => {
    expect(shellSplit(quoteEach(NASTY).join(" "))).toEqual(NASTY);
  });

  it("reads double quotes, escapes and runs of blanks like a shell", () => {
    expect(shellSplit(`a  "b \\"c\\" \\$d" e\\ f 'g'"h"`)).toEqual(["a", 'b "c" $d', "e f", "gh"]);
    expect(shellSplit(`'a'"b" '' x`)).toEqual(["ab", "", "x"]);
    expect(() => shellSplit("'open")).toThrow(/single/);
    expect(() => shellSplit('"open')).toThrow(/double/);
  });

  it("agrees with the shell on double-quoted text", () => {
    const line = `"x \\" \\\\ y" 'z'`;
    const out = execFileSync("sh", ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8" });
    expect(shellSplit(line)).toEqual(out.split("\0").slice(0, -1));
  });
});
