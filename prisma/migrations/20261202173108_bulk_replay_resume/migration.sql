-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_bulk_replays" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "url" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "endpoint_id" TEXT,
    "filter" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "concurrency" INTEGER NOT NULL DEFAULT 4,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" DATETIME,
    "max_id" INTEGER NOT NULL DEFAULT 0,
    "timeout_ms" INTEGER
);
INSERT INTO "new_bulk_replays" ("concurrency", "created_at", "endpoint_id", "failed", "filter", "finished_at", "id", "mode", "sent", "state", "succeeded", "total", "url") SELECT "concurrency", "created_at", "endpoint_id", "failed", "filter", "finished_at", "id", "mode", "sent", "state", "succeeded", "total", "url" FROM "bulk_replays";
DROP TABLE "bulk_replays";
ALTER TABLE "new_bulk_replays" RENAME TO "bulk_replays";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

