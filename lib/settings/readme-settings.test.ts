import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "../build/source-files";

/**
 * Every HOOKLENS_* variable the server reads has a row in the README's Settings table,
 * so that a setting cannot go undocumented (HOOKLENS_REDACT_KEYS once lost its row).
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCES = ["lib", "app", "server.ts"];
/** Names that look like settings but are not: error codes and a shell variable climc uses. */
const NOT_SETTINGS = new Set([
  "HOOKLENS_BLOCKED",
  "HOOKLENS_CANCELLED",
  "HOOKLENS_TIMEOUT",
  "HOOKLENS_SECRET_KEY",
]);

describe("the README's settings table", () => {
  it("has a row for every HOOKLENS_* variable the server reads", () => {
    const read = new Set<string>();
    for (const file of sourceFiles(ROOT, SOURCES).filter((file) => !/\.test\.tsx?$/.test(file))) {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      for (const match of source.matchAll(/\bHOOKLENS_[A-Z0-9_]+\b/g))
        if (!NOT_SETTINGS.has(match[0])) read.add(match[0]);
    }
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("## Settings"), readme.indexOf("## The receiver"));
    const rows = new Set(
      table
        .split("\n")
        .filter((line) => line.startsWith("| `"))
        .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`(HOOKLENS_[A-Z0-9_]+)`/g)])
        .map((match) => match[1]!),
    );
    expect(read.size).toBeGreaterThan(20);
    expect([...read].filter((name) => !rows.has(name)).sort()).toEqual([]);
  });
});
