import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseCompanions, protectDataFiles, protectDataFolder } from "./protect-data-files";

const mode = (file: string) => statSync(file).mode & 0o7777;

describe("protectDataFolder", () => {
  it("creates a missing data folder 0700 and closes an open one", () => {
    const root = mkdtempSync(path.join(tmpdir(), "hooklens-modes-"));
    protectDataFolder(path.join(root, "fresh", "hooklens.db"));
    expect(mode(path.join(root, "fresh"))).toBe(0o700);
    const old = path.join(root, "old");
    mkdirSync(old);
    chmodSync(old, 0o755);
    protectDataFolder(path.join(old, "hooklens.db"));
    expect(mode(old)).toBe(0o700);
  });

  it("leaves a shared sticky folder such as /tmp alone", () => {
    const shared = mkdtempSync(path.join(tmpdir(), "hooklens-shared-"));
    chmodSync(shared, 0o1777);
    protectDataFolder(path.join(shared, "hooklens.db"));
    expect(mode(shared)).toBe(0o1777);
  });
});

describe("protectDataFiles", () => {
  it("makes the database, its WAL and shared memory and the token 0600, and skips what is missing", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "hooklens-files-"));
    const db = path.join(folder, "hooklens.db");
    const token = path.join(folder, "admin-token");
    for (const file of [db, `${db}-wal`, `${db}-shm`, token]) {
      writeFileSync(file, "x");
      chmodSync(file, 0o644);
    }
    protectDataFiles([...databaseCompanions(db), token]);
    for (const file of [db, `${db}-wal`, `${db}-shm`, token]) expect(mode(file), file).toBe(0o600);
  });
});
