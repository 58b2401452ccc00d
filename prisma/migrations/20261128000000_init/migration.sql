-- CreateTable
CREATE TABLE "endpoints" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "secret_key" TEXT,
    "header" TEXT NOT NULL DEFAULT '{}',
    "body" TEXT NOT NULL DEFAULT '{}',
    "msg_key" TEXT NOT NULL DEFAULT '',
    "use_template" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "resource_scope" TEXT NOT NULL DEFAULT 'system',
    "subscription_enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "endpoint_id" TEXT NOT NULL,
    "received_at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "event_type" TEXT,
    "resource_type" TEXT,
    "action" TEXT,
    "result" TEXT,
    "resource_id" TEXT,
    "resource_name" TEXT,
    "message_key" TEXT,
    "message" TEXT,
    "signature" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "body_hash" TEXT NOT NULL,
    "duplicate_of" INTEGER,
    "parse_error" TEXT,
    "warnings" TEXT,
    "redacted_paths" TEXT,
    CONSTRAINT "deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "delivery_contents" (
    "delivery_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "encoding" TEXT NOT NULL,
    "headers" BLOB NOT NULL,
    "body" BLOB NOT NULL,
    CONSTRAINT "delivery_contents_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "resources" (
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "resource_name" TEXT,
    "status" TEXT,
    "last_action" TEXT,
    "last_result" TEXT,
    "last_event_id" INTEGER NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "first_seen_at" DATETIME NOT NULL,
    "last_seen_at" DATETIME NOT NULL,
    "delivery_count" INTEGER NOT NULL DEFAULT 0,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("resource_type", "resource_id")
);

-- CreateTable
CREATE TABLE "resource_changes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "delivery_id" INTEGER NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "changed_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "replays" (
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
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "replays_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "deliveries" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "replays_bulk_id_fkey" FOREIGN KEY ("bulk_id") REFERENCES "bulk_replays" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "bulk_replays" (
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
    "finished_at" DATETIME
);

-- CreateTable
CREATE TABLE "replay_destinations" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "endpoints_token_key" ON "endpoints"("token");

-- CreateIndex
CREATE INDEX "deliveries_endpoint_id_idx" ON "deliveries"("endpoint_id");

-- CreateIndex
CREATE INDEX "deliveries_resource_type_action_idx" ON "deliveries"("resource_type", "action");

-- CreateIndex
CREATE INDEX "deliveries_action_idx" ON "deliveries"("action");

-- CreateIndex
CREATE INDEX "deliveries_kind_idx" ON "deliveries"("kind");

-- CreateIndex
CREATE INDEX "deliveries_result_idx" ON "deliveries"("result");

-- CreateIndex
CREATE INDEX "deliveries_resource_type_resource_id_idx" ON "deliveries"("resource_type", "resource_id");

-- CreateIndex
CREATE INDEX "deliveries_resource_name_idx" ON "deliveries"("resource_name");

-- CreateIndex
CREATE INDEX "deliveries_endpoint_id_body_hash_idx" ON "deliveries"("endpoint_id", "body_hash");

-- CreateIndex
CREATE INDEX "deliveries_received_at_idx" ON "deliveries"("received_at");

-- CreateIndex
CREATE INDEX "resources_last_seen_at_idx" ON "resources"("last_seen_at");

-- CreateIndex
CREATE INDEX "resources_resource_type_last_seen_at_idx" ON "resources"("resource_type", "last_seen_at");

-- CreateIndex
CREATE INDEX "resource_changes_resource_type_field_changed_at_idx" ON "resource_changes"("resource_type", "field", "changed_at");

-- CreateIndex
CREATE INDEX "resource_changes_field_changed_at_idx" ON "resource_changes"("field", "changed_at");

-- CreateIndex
CREATE INDEX "resource_changes_delivery_id_idx" ON "resource_changes"("delivery_id");

-- CreateIndex
CREATE INDEX "replays_event_id_id_idx" ON "replays"("event_id", "id");

-- CreateIndex
CREATE INDEX "replays_bulk_id_idx" ON "replays"("bulk_id");

-- CreateIndex
CREATE INDEX "replays_created_at_idx" ON "replays"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "replay_destinations_url_key" ON "replay_destinations"("url");

