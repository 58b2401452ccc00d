import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** What `npm run build` reads (`next build`, and server.ts bundled by
 *  scripts/build-server.ts): a change to any of these makes the last build stale. */
export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "instrumentation-client.ts",
  "server.ts",
  "scripts/build-server.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

/** Generated or test-only files inside those folders, which the build does not bundle. */
const SKIPPED = [/(^|\/)generated(\/|$)/, /\.test\.tsx?$/];

function listFiles(root: string, entry: string, out: string[]) {
  const full = path.join(root, entry);
  let stats;
  try {
    stats = statSync(full);
  } catch {
    return; // an optional input (public/) that does not exist
  }
  if (SKIPPED.some((pattern) => pattern.test(entry))) return;
  if (stats.isDirectory()) {
    for (const name of readdirSync(full).sort()) listFiles(root, path.posix.join(entry, name), out);
  } else if (stats.isFile()) {
    out.push(entry);
  }
}

/**
 * A hash over the names and bytes of every build input under `root`. Content, not
 * mtimes: a fresh clone or a checkout touches every file without changing one.
 */
export function sourceFingerprint(root: string, inputs = BUILD_INPUTS): string {
  const files: string[] = [];
  for (const input of inputs) listFiles(root, input, files);
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}
