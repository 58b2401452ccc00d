import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * The TypeScript files under `entries` (folders walked, files taken as named), relative to
 * `root`: what the tests that read the source itself (README settings, the data layer's
 * boundary) look through.
 */
export function sourceFiles(root: string, entries: string[]): string[] {
  const found: string[] = [];
  const walk = (entry: string) => {
    if (entry.includes(".")) return void found.push(entry);
    for (const item of readdirSync(path.join(root, entry), { withFileTypes: true })) {
      const child = path.join(entry, item.name);
      if (item.isDirectory()) walk(child);
      else if (/\.tsx?$/.test(item.name)) found.push(child);
    }
  };
  entries.forEach(walk);
  return found;
}
