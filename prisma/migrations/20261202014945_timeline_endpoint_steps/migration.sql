-- Each endpoint's own timeline of a resource several endpoints sent (issue 19: a timeline
-- filtered to one endpoint opened by building the whole history). Kept beside the whole
-- one by lib/resources/extend-timeline.ts and keep-endpoint-timelines.ts.

-- CreateTable
CREATE TABLE "timeline_endpoint_heads" (
    "key" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "through_id" INTEGER NOT NULL,
    "state_from" INTEGER,
    "newest_time" BIGINT,
    "steps" INTEGER NOT NULL DEFAULT 0,
    "invalid_steps" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "timeline_endpoint_steps" (
    "head" INTEGER NOT NULL,
    "delivery_id" INTEGER NOT NULL,
    "invalid" BOOLEAN NOT NULL DEFAULT false,
    "flags" INTEGER NOT NULL DEFAULT 0,
    "compared_to" INTEGER,
    "diff" BLOB,
    "diff_dictionary" INTEGER,
    "state_of" INTEGER,
    "state" TEXT,
    "snapshot_time" BIGINT,

    PRIMARY KEY ("head", "delivery_id"),
    CONSTRAINT "timeline_endpoint_steps_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "timeline_endpoint_heads_resource_type_resource_id_endpoint_id_key" ON "timeline_endpoint_heads"("resource_type", "resource_id", "endpoint_id");

-- CreateIndex
CREATE INDEX "timeline_endpoint_steps_delivery_id_idx" ON "timeline_endpoint_steps"("delivery_id");

-- CreateIndex
CREATE INDEX "timeline_endpoint_steps_head_snapshot_time_idx" ON "timeline_endpoint_steps"("head", "snapshot_time");


-- An endpoint's chain counts its steps in its head, as timeline_steps_count does.
CREATE TRIGGER "timeline_endpoint_steps_count" AFTER INSERT ON "timeline_endpoint_steps"
BEGIN
  UPDATE "timeline_endpoint_heads" SET "steps" = "steps" + (1 - new."invalid"),
    "invalid_steps" = "invalid_steps" + new."invalid" WHERE "key" = new."head";
END;

CREATE TRIGGER "timeline_endpoint_steps_uncount" AFTER DELETE ON "timeline_endpoint_steps"
BEGIN
  UPDATE "timeline_endpoint_heads" SET "steps" = "steps" - (1 - old."invalid"),
    "invalid_steps" = "invalid_steps" - old."invalid" WHERE "key" = old."head";
END;

-- Resources several endpoints sent before these chains existed: each of their endpoints gets
-- an empty chain, which the keeper's sweep (or a first reader) catches up from the history.
INSERT INTO "timeline_endpoint_heads" ("resource_type", "resource_id", "endpoint_id", "through_id")
SELECT DISTINCT h."resource_type", h."resource_id", d."endpoint_id", 0
FROM "timeline_heads" h JOIN "deliveries" d
  ON d."resource_type" = h."resource_type" AND d."resource_id" = h."resource_id"
WHERE h."mixed_endpoints" = true AND d."kind" = 'event' AND d."id" <= h."through_id";
