/**
 * Builds the payload search index of a database at once (lib/search/build-search-index.ts),
 * for a benchmark's seeded database or a rebuild while the server is stopped.
 *
 *   npx tsx scripts/bench/build-search-index.ts --db /tmp/x.db
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../../lib/db/sqlite";
import { buildSearchIndex } from "../../lib/search/build-search-index";

const { values } = parseArgs({ options: { db: { type: "string" } } });
if (!values.db) throw new Error("--db <file> is required");
const db = openDatabase(values.db);
const figures = buildSearchIndex(db, {
  onProgress: (through) => process.stdout.write(`\r${through}`),
});
db.pragma("wal_checkpoint(TRUNCATE)");
db.close();
console.log(`\n${JSON.stringify(figures)}`);
