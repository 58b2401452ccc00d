/**
 * Which database engine a DATABASE_URL names. postgres:// and postgresql:// are
 * PostgreSQL's URL schemes; anything else (file:…, a bare path) is a SQLite file. Only the
 * data layer (lib/db) asks this: STYLE.md, "The data layer".
 */
export type Engine = "sqlite" | "postgresql";

export function engineOf(databaseUrl: string): Engine {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgresql" : "sqlite";
}

export const isPostgresUrl = (url: string) => engineOf(url) === "postgresql";
