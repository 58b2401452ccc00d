import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const read = (name: string) => readFileSync(path.join(root, name), "utf8");

type Lock = { packages: Record<string, { hasInstallScript?: boolean }> };

/**
 * npm 11 runs a dependency's install scripts only when package.json's allowScripts covers
 * them, and warns "install scripts not yet covered by allowScripts" for each one it does
 * not (with --strict-allow-scripts the install fails). The native modules (better-sqlite3,
 * zstd-napi) and Prisma's engines need theirs, so every package the lock file says has
 * install scripts is declared.
 */
describe("allowScripts in package.json", () => {
  const manifest = JSON.parse(read("package.json")) as { allowScripts?: Record<string, boolean> };
  const lock = JSON.parse(read("package-lock.json")) as Lock;

  it("covers every package with install scripts in the lock file", () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([key, entry]) => key !== "" && entry.hasInstallScript)
      .map(([key]) => key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(withScripts.length).toBeGreaterThan(0);
    const declared = Object.keys(manifest.allowScripts ?? {});
    expect(withScripts.filter((name) => !declared.includes(name))).toEqual([]);
  });

  it("is declared once (JSON.parse keeps the last of two, and an edit to the first is lost)", () => {
    expect(read("package.json").match(/"allowScripts"\s*:/g)).toHaveLength(1);
  });
});
