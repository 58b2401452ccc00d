-- Kept timeline steps keyed by an integer per resource, with their diffs compressed
-- (issue 19: storage). The steps are worked out from the stored deliveries, so they are
-- not converted: the tables start over, and the server's keeper keeps them again in the
-- background (a reader keeps a resource's missing steps itself first). The field-change
-- index (resource_changes) holds the same diffs and stays as it is.
DROP TABLE "timeline_steps";
DROP TABLE "timeline_heads";
DELETE FROM "settings" WHERE "key" = 'timeline_steps.kept_through';

-- CreateTable
CREATE TABLE "timeline_steps" (
    "delivery_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "head" INTEGER NOT NULL,
    "invalid" BOOLEAN NOT NULL DEFAULT false,
    "flags" INTEGER NOT NULL DEFAULT 0,
    "compared_to" INTEGER,
    "diff" BLOB,
    "diff_dictionary" INTEGER,
    "state_of" INTEGER,
    "state" TEXT,
    "snapshot_time" BIGINT,
    CONSTRAINT "timeline_steps_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "timeline_steps_head_invalid_delivery_id_idx" ON "timeline_steps"("head", "invalid", "delivery_id");

-- CreateIndex
CREATE INDEX "timeline_steps_head_snapshot_time_idx" ON "timeline_steps"("head", "snapshot_time");

-- CreateTable
CREATE TABLE "timeline_heads" (
    "key" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "through_id" INTEGER NOT NULL,
    "state_from" INTEGER,
    "newest_time" BIGINT,
    "endpoint_id" TEXT NOT NULL,
    "mixed_endpoints" BOOLEAN NOT NULL DEFAULT false,
    "steps" INTEGER NOT NULL DEFAULT 0,
    "invalid_steps" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE UNIQUE INDEX "timeline_heads_resource_type_resource_id_key" ON "timeline_heads"("resource_type", "resource_id");

-- A head's step counts follow its rows, whoever adds or deletes them (the keeper, a
-- rekeep, retention's cascade from deliveries): a timeline's total is one row to read.
CREATE TRIGGER "timeline_steps_count" AFTER INSERT ON "timeline_steps"
BEGIN
  UPDATE "timeline_heads" SET "steps" = "steps" + (1 - new."invalid"),
    "invalid_steps" = "invalid_steps" + new."invalid" WHERE "key" = new."head";
END;

CREATE TRIGGER "timeline_steps_uncount" AFTER DELETE ON "timeline_steps"
BEGIN
  UPDATE "timeline_heads" SET "steps" = "steps" - (1 - old."invalid"),
    "invalid_steps" = "invalid_steps" - old."invalid" WHERE "key" = old."head";
END;
