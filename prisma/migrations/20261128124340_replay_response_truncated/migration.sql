-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_replays" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "event_id" INTEGER NOT NULL,
    "bulk_id" INTEGER,
    "url" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "endpoint_id" TEXT,
    "request_headers" TEXT NOT NULL,
    "request_body" BLOB NOT NULL,
    "status" INTEGER,
    "duration_ms" INTEGER,
    "error" TEXT,
    "response_headers" TEXT,
    "response_body" BLOB,
    "response_truncated" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "replays_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "deliveries" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "replays_bulk_id_fkey" FOREIGN KEY ("bulk_id") REFERENCES "bulk_replays" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_replays" ("bulk_id", "created_at", "duration_ms", "endpoint_id", "error", "event_id", "id", "mode", "request_body", "request_headers", "response_body", "response_headers", "status", "url") SELECT "bulk_id", "created_at", "duration_ms", "endpoint_id", "error", "event_id", "id", "mode", "request_body", "request_headers", "response_body", "response_headers", "status", "url" FROM "replays";
DROP TABLE "replays";
ALTER TABLE "new_replays" RENAME TO "replays";
CREATE INDEX "replays_event_id_id_idx" ON "replays"("event_id", "id");
CREATE INDEX "replays_bulk_id_idx" ON "replays"("bulk_id");
CREATE INDEX "replays_created_at_idx" ON "replays"("created_at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

