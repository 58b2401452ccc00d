import type Database from "better-sqlite3";

/**
 * FTS5 merges the index's segments inside every commit by default (automerge=4): at
 * 200,000 deliveries in 50-row steps that was 3.2 of 3.7 ms per delivery, and one commit
 * could hold the loop for a second. The indexer turns it off and runs the same merges in
 * bounded slices of its own ('merge', N pages), paced like its other steps; crisismerge
 * (16 segments on one level) stays as FTS5's own backstop.
 */
export function takeOverSearchMerging(db: Database.Database) {
  db.exec("INSERT INTO search_index (search_index, rank) VALUES ('automerge', 0)");
}

const totals = new WeakMap<Database.Database, Database.Statement>();

/** Up to about `pages` pages of merging, in its own transaction; false when there was
 *  nothing to merge (a level needs 4 segments, FTS5's usermerge). */
export function mergeSearchIndex(db: Database.Database, pages: number): boolean {
  let total = totals.get(db);
  if (!total) totals.set(db, (total = db.prepare("SELECT total_changes()").pluck()));
  const before = total.get() as number;
  db.exec(
    `INSERT INTO search_index (search_index, rank) VALUES ('merge', ${Math.max(1, Math.round(pages))})`,
  );
  // FTS5's documented test: a difference of 2 or more means the command merged something.
  return (total.get() as number) - before >= 2;
}
