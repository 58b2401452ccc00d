import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./start-server";

/**
 * Every route handler and page in app/, read from the files, so that a route added
 * later is covered by the access tests without anyone listing it. Dynamic segments
 * get a placeholder value; route groups drop out of the URL as in Next.
 */
export type AppRoute = {
  file: string;
  path: string;
  /** The path with its dynamic segments as written in app/ (`/api/events/[id]`). */
  template: string;
  methods: string[];
  /** The file's text, for tests that pick what to send by what the handler reads. */
  source: string;
};

const METHOD = /export\s+(?:const|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE)\b/g;

function templatePath(dir: string): string {
  const segments = dir
    .split(path.sep)
    .filter(
      (segment) =>
        segment && segment !== "." && !/^\(.*\)$/.test(segment) && !segment.startsWith("@"),
    );
  return "/" + segments.join("/");
}

const urlPath = (template: string) => template.replace(/\[[^\]/]+\]/g, "placeholder-1");

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
      const template = templatePath(path.dirname(file));
      return { file: `app/${file}`, path: urlPath(template), template, methods, source };
    });
  const pages = files
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => {
      const template = templatePath(path.dirname(file));
      const source = readFileSync(path.join(appDir, file), "utf8");
      return { file: `app/${file}`, path: urlPath(template), template, methods: ["GET"], source };
    });
  return { handlers, pages };
}
