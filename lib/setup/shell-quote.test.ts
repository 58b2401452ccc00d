import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellQuote, shellSplit } from "./shell-quote";

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
];

/** What a real POSIX shell makes of the quoted words. */
function throughShell(words: string[]): string[] {
  const script = `printf '%s\\0' ${words.map(shellQuote).join(" ")}`;
  const out = execFileSync("sh", ["-c", script], { encoding: "utf8" });
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

  it("refuses NUL, which no argv can carry", () => {
    expect(() => shellQuote("a\0b")).toThrow(/NUL/);
  });
});

describe("shellSplit", () => {
  it("reads back what shellQuote wrote", () => {
    expect(shellSplit(NASTY.map(shellQuote).join(" "))).toEqual(NASTY);
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
