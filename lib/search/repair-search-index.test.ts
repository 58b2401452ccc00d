import { expect, it } from "vitest";
import { migratedMemoryDatabase } from "../db/migrated-memory-db";
import { repairSearchIndex, SEARCH_INDEX_TABLE } from "./repair-search-index";
import { searchIndexStatus } from "./search-index-sqlite";

it("makes the table its migration made, and only when it is missing", () => {
  const db = migratedMemoryDatabase();
  const sql = () =>
    db.prepare("SELECT sql FROM sqlite_master WHERE name = 'search_index'").pluck().get();
  expect(sql()).toBe(SEARCH_INDEX_TABLE);
  expect(repairSearchIndex(db)).toBe(false);
  db.exec("INSERT INTO search_index_state (id, indexed_through, version) VALUES (1, 7, 1)");
  db.exec("DROP TABLE search_index");
  expect(repairSearchIndex(db)).toBe(true);
  expect(sql()).toBe(SEARCH_INDEX_TABLE);
  expect(searchIndexStatus(db).indexed_through).toBe(0);
});
