import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./start-server";

/**
 * Every route handler and page in app/, read from the files, so that a route added
 * later is covered by the access tests without anyone listing it. Dynamic segments
 * get a placeholder value; route groups drop out of the URL as in Next.
 */
export type AppRoute = { file: string; path: string; methods: string[] };

const METHOD = /export\s+(?:const|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE)\b/g;

function urlPath(dir: string): string {
  const segments = dir
    .split(path.sep)
    .filter(
      (segment) =>
        segment && segment !== "." && !/^\(.*\)$/.test(segment) && !segment.startsWith("@"),
    )
    .map((segment) => (segment.startsWith("[") ? "placeholder-1" : segment));
  return "/" + segments.join("/");
}

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else found.push(full);
  }
  return found;
}

export function appRoutes(): { handlers: AppRoute[]; pages: AppRoute[] } {
  const appDir = path.join(ROOT, "app");
  const files = walk(appDir).map((file) => path.relative(appDir, file));
  const handlers = files
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => {
      const source = readFileSync(path.join(appDir, file), "utf8");
      const methods = [...source.matchAll(METHOD)].map((match) => match[1]!);
      return { file: `app/${file}`, path: urlPath(path.dirname(file)), methods };
    });
  const pages = files
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => ({ file: `app/${file}`, path: urlPath(path.dirname(file)), methods: ["GET"] }));
  return { handlers, pages };
}
