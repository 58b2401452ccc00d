import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "../build/source-files";

/**
 * STYLE.md, "The data layer": no file outside lib/db imports an engine's driver or knows
 * which engine runs. The files still on better-sqlite3 are listed here, domain by domain,
 * until issue 14 ports them; porting one takes it off the list (the test fails while a
 * ported file stays listed, so the list only shrinks), and no new file may join it.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCES = ["lib", "app", "components", "server.ts"];
// Test support modules are named test-… or …-test-… (lib/search/search-test-cases.ts);
// the pattern is anchored at a word's start, so that latest-failures.ts is not one.
const EXEMPT = [/^lib\/db\//, /^lib\/generated\//, /\.test\.tsx?$/, /(^|[/-])test-/];

/** What knows the engine: a driver, an adapter, SQLite's handle, the engine's name, a
 *  generated client of one engine, or SQL sent through Prisma (it is one dialect's). */
const ENGINE_IMPORT =
  /from\s+["'](?:better-sqlite3|pg|@prisma\/adapter-[\w-]+|[./@]*\/db\/(?:sqlite|engine|connection)|[./@]*\/generated\/prisma(?:-postgres)?\/[\w/]+)["']|\$(?:query|execute)Raw/;

const inside = (domain: string, files: string[]) => files.map((file) => `lib/${domain}/${file}`);

export const NOT_YET_ON_THE_SEAM = [
  // The composition root: starts the SQLite-only background work on SQLite only.
  "server.ts",
  // SQLite's field-change index; PostgreSQL's is in lib/db/queries/changes.ts.
  ...inside("changes", ["index-resource-changes.ts"]),
  // SQLite's group commit; PostgreSQL's is lib/db/queries/delivery-writer-postgres.ts.
  ...inside("ingest", ["delivery-writer.ts"]),
  // SQLite's timeline keeper, synchronous; PostgreSQL's is lib/db/queries/timelines-postgres.ts.
  ...inside("resources", [
    "extend-timeline.ts",
    "keep-endpoint-timelines.ts",
    "keep-timeline-steps.ts",
    "kept-steps.ts",
    "load-resource-deliveries.ts",
    "start-timeline-keeper.ts",
    "step-diff.ts",
  ]),
  ...inside("search", [
    "build-search-index.ts",
    "filtered-search-page.ts",
    "narrow-search-match.ts",
    "repair-search-index.ts",
    "search-index-merge.ts",
    "search-index-step.ts",
    "search-index-sqlite.ts",
    "search-index-worker.ts",
    "search-query-sqlite.ts",
    "start-search-index.ts",
  ]),
];

const knowingTheEngine = () =>
  sourceFiles(ROOT, SOURCES)
    .filter((file) => !EXEMPT.some((pattern) => pattern.test(file)))
    .filter((file) => ENGINE_IMPORT.test(readFileSync(path.join(ROOT, file), "utf8")))
    .sort();

describe("the data layer's boundary", () => {
  it("is crossed by no new file: SQL goes to lib/db/queries/<domain>.ts in both dialects", () => {
    const listed = new Set(NOT_YET_ON_THE_SEAM);
    expect(knowingTheEngine().filter((file) => !listed.has(file))).toEqual([]);
  });

  it("lists no file that is ported already", () => {
    const crossing = new Set(knowingTheEngine());
    expect(NOT_YET_ON_THE_SEAM.filter((file) => !crossing.has(file))).toEqual([]);
  });
});
