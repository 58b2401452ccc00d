import { chmodSync, existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, inject, it, vi } from "vitest";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";
import { sendDelivery } from "../support/api";
import { serversPerTest } from "../support/servers-per-test";

// Each test starts servers of its own: on a loaded machine that outlasts the default.
vi.setConfig({ testTimeout: 180_000 });

const startServer = serversPerTest();

const mode = (file: string) => statSync(file).mode & 0o777;

/** The data folder and every file of it, as they stand while the server runs. */
function modes(folder: string) {
  const db = path.join(folder, "hooklens.db");
  const files = [db, `${db}-wal`, `${db}-shm`, path.join(folder, "admin-token")];
  for (const file of files) expect(existsSync(file), file).toBe(true);
  return { folder: mode(folder), files: files.map((file) => [path.basename(file), mode(file)]) };
}

const PRIVATE = {
  folder: 0o700,
  files: ["hooklens.db", "hooklens.db-wal", "hooklens.db-shm", "admin-token"].map((name) => [
    name,
    0o600,
  ]),
};

// The modes of SQLite's files and of the generated admin token's, which sit beside them. On
// PostgreSQL Hooklens keeps nothing at rest in files of its own: the data is the database
// server's, and the admin token comes from the environment (postgres-start.test.ts).
const onSqlite = inject("engine") === "sqlite" ? it : it.skip;
const modesKept =
  "keeps the data folder 0700 and the database, its WAL and shm and the admin token 0600, new or old";

onSqlite(modesKept, async () => {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), "hooklens-modes-")), "data");
  const databaseFile = path.join(folder, "hooklens.db");
  const env = { HOOKLENS_ADMIN_TOKEN: "" };
  const first = await startServer({ databaseFile, env });
  expect(
    (await sendDelivery(first.receiverUrl, renderDelivery({ kind: "text", text: "hi" }))).status,
  ).toBe(200);
  expect(modes(folder)).toEqual(PRIVATE);
  await first.stop("SIGKILL");

  // An install from before: everything left readable by all.
  chmodSync(folder, 0o755);
  for (const name of ["hooklens.db", "hooklens.db-wal", "hooklens.db-shm", "admin-token"]) {
    const file = path.join(folder, name);
    if (existsSync(file)) chmodSync(file, 0o644);
  }
  await startServer({ databaseFile, env });
  expect(modes(folder)).toEqual(PRIVATE);
});
