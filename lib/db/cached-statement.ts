import type Database from "better-sqlite3";

type Mode = "rows" | "pluck";

/** Beyond this many distinct texts per connection the cache starts over: SQL built from
 *  a few shapes never gets there, and a caller building unbounded texts cannot leak. */
const MAX_STATEMENTS = 500;

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The connection's prepared statement for `sql`, prepared on first use. Preparing costs
 * about as much as running a small query (in the timeline keeper, preparing the same few
 * statements per resource was 38% of its time), so code that runs per row or per
 * resource reads its statements from here. A statement's mode is part of its key:
 * "pluck" answers the first column, and no caller can switch the mode of another's.
 */
export function cachedStatement(
  db: Database.Database,
  sql: string,
  mode: Mode = "rows",
): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, Database.Statement>()));
  const key = `${mode}\u0000${sql}`;
  let statement = cache.get(key);
  if (!statement) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    statement = db.prepare(sql);
    if (mode === "pluck") statement.pluck();
    cache.set(key, statement);
  }
  return statement;
}
