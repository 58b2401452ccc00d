import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sourceFingerprint } from "./source-fingerprint";

describe("sourceFingerprint", () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "fingerprint-"));
    write("app/page.tsx", "export default 1");
    write("lib/a.ts", "export const a = 1");
    write("package.json", "{}");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("stays the same when only times change, and moves with any byte or name", () => {
    const first = sourceFingerprint(root);
    utimesSync(path.join(root, "lib/a.ts"), new Date(0), new Date(0));
    expect(sourceFingerprint(root)).toBe(first);
    write("lib/a.ts", "export const a = 2");
    const edited = sourceFingerprint(root);
    expect(edited).not.toBe(first);
    write("lib/b.ts", "");
    expect(sourceFingerprint(root)).not.toBe(edited);
  });

  it("ignores tests, generated code and what the build never reads", () => {
    const first = sourceFingerprint(root);
    write("lib/a.test.ts", "test");
    write("lib/generated/prisma/client.ts", "generated");
    write("e2e/x.spec.ts", "spec");
    write("README.md", "docs");
    expect(sourceFingerprint(root)).toBe(first);
  });
});
