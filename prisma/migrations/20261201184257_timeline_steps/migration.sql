-- CreateTable
CREATE TABLE "timeline_steps" (
    "delivery_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "invalid" BOOLEAN NOT NULL DEFAULT false,
    "flags" INTEGER NOT NULL DEFAULT 0,
    "compared_to" INTEGER,
    "diff" TEXT,
    "state_of" INTEGER,
    "state" TEXT,
    "snapshot_time" BIGINT,
    CONSTRAINT "timeline_steps_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "timeline_heads" (
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "through_id" INTEGER NOT NULL,
    "state_from" INTEGER,
    "newest_time" BIGINT,
    "endpoint_id" TEXT NOT NULL,
    "mixed_endpoints" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("resource_type", "resource_id")
);

-- CreateIndex
CREATE INDEX "timeline_steps_resource_type_resource_id_invalid_delivery_id_idx" ON "timeline_steps"("resource_type", "resource_id", "invalid", "delivery_id");

-- CreateIndex
CREATE INDEX "timeline_steps_resource_type_resource_id_snapshot_time_idx" ON "timeline_steps"("resource_type", "resource_id", "snapshot_time");

