import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cachedStatement } from "./cached-statement";

describe("cachedStatement", () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(":memory:");
    db.exec("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'x'), (2, 'y')");
  });
  afterEach(() => db.close());

  it("prepares a text once per connection", () => {
    const sql = "SELECT a, b FROM t WHERE a = ?";
    expect(cachedStatement(db, sql)).toBe(cachedStatement(db, sql));
    const other = new Database(":memory:");
    other.exec("CREATE TABLE t (a INTEGER, b TEXT)");
    expect(cachedStatement(other, sql)).not.toBe(cachedStatement(db, sql));
    other.close();
  });

  it("keeps rows and plucked answers apart for the same text", () => {
    const sql = "SELECT a, b FROM t WHERE a = ?";
    expect(cachedStatement(db, sql, "pluck").get(1)).toBe(1);
    expect(cachedStatement(db, sql).get(1)).toEqual({ a: 1, b: "x" });
    expect(cachedStatement(db, sql, "pluck").get(2)).toBe(2);
  });

  it("starts over rather than growing without bound", () => {
    const first = cachedStatement(db, "SELECT 0 AS z");
    for (let i = 1; i <= 600; i++) cachedStatement(db, `SELECT ${i}`);
    expect(cachedStatement(db, "SELECT 0 AS z")).not.toBe(first);
    expect(cachedStatement(db, "SELECT 0 AS z").get()).toEqual({ z: 0 });
  });
});
