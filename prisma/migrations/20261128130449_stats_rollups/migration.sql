-- CreateTable
CREATE TABLE "delivery_counts" (
    "span" INTEGER NOT NULL,
    "bucket_start" DATETIME NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("span", "bucket_start", "endpoint_id", "kind", "resource_type", "action", "result", "signature")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "resource_counts" (
    "span" INTEGER NOT NULL,
    "bucket_start" DATETIME NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,

    PRIMARY KEY ("span", "bucket_start", "resource_type", "resource_id", "endpoint_id")
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "stats_rollup_state" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "last_delivery_id" INTEGER NOT NULL
);


-- Nothing counted yet: the first refresh counts every delivery already stored.
INSERT INTO "stats_rollup_state" ("id", "last_delivery_id") VALUES (1, 0);

-- The latest failures (failed result, invalid signature or unparsed body) newest first,
-- without scanning the range. Partial: only failing deliveries pay for it at ingest.
CREATE INDEX "deliveries_failures_idx" ON "deliveries"("received_at")
  WHERE "result" = 'failed' OR "signature" = 'invalid' OR "kind" = 'unparsed';

-- A delivery already counted that goes (retention, a deleted endpoint's cascade) is taken
-- back out of the rollups, and rows that reach zero go with it, so that the counts always
-- equal the stored deliveries. Each statement is one primary-key seek.
CREATE TRIGGER "deliveries_stats_uncount" AFTER DELETE ON "deliveries"
WHEN old."id" <= (SELECT "last_delivery_id" FROM "stats_rollup_state" WHERE "id" = 1)
BEGIN
  UPDATE "delivery_counts" SET "count" = "count" - 1 WHERE "span" = 60000 AND "bucket_start" = old."received_at" - old."received_at" % 60000
    AND "endpoint_id" = old."endpoint_id" AND "kind" = old."kind"
    AND "resource_type" = coalesce(old."resource_type", '') AND "action" = coalesce(old."action", '')
    AND "result" = coalesce(old."result", '') AND "signature" = old."signature";
  DELETE FROM "delivery_counts" WHERE "span" = 60000 AND "bucket_start" = old."received_at" - old."received_at" % 60000
    AND "endpoint_id" = old."endpoint_id" AND "kind" = old."kind"
    AND "resource_type" = coalesce(old."resource_type", '') AND "action" = coalesce(old."action", '')
    AND "result" = coalesce(old."result", '') AND "signature" = old."signature" AND "count" <= 0;
  UPDATE "delivery_counts" SET "count" = "count" - 1 WHERE "span" = 3600000 AND "bucket_start" = old."received_at" - old."received_at" % 3600000
    AND "endpoint_id" = old."endpoint_id" AND "kind" = old."kind"
    AND "resource_type" = coalesce(old."resource_type", '') AND "action" = coalesce(old."action", '')
    AND "result" = coalesce(old."result", '') AND "signature" = old."signature";
  DELETE FROM "delivery_counts" WHERE "span" = 3600000 AND "bucket_start" = old."received_at" - old."received_at" % 3600000
    AND "endpoint_id" = old."endpoint_id" AND "kind" = old."kind"
    AND "resource_type" = coalesce(old."resource_type", '') AND "action" = coalesce(old."action", '')
    AND "result" = coalesce(old."result", '') AND "signature" = old."signature" AND "count" <= 0;
  UPDATE "resource_counts" SET "count" = "count" - 1, "failures" = "failures" - (old."result" IS 'failed')
    WHERE "span" = 3600000 AND "bucket_start" = old."received_at" - old."received_at" % 3600000
    AND "resource_type" = old."resource_type" AND "resource_id" = old."resource_id" AND "endpoint_id" = old."endpoint_id";
  DELETE FROM "resource_counts" WHERE "span" = 3600000 AND "bucket_start" = old."received_at" - old."received_at" % 3600000
    AND "resource_type" = old."resource_type" AND "resource_id" = old."resource_id" AND "endpoint_id" = old."endpoint_id" AND "count" <= 0;
  UPDATE "resource_counts" SET "count" = "count" - 1, "failures" = "failures" - (old."result" IS 'failed')
    WHERE "span" = 86400000 AND "bucket_start" = old."received_at" - old."received_at" % 86400000
    AND "resource_type" = old."resource_type" AND "resource_id" = old."resource_id" AND "endpoint_id" = old."endpoint_id";
  DELETE FROM "resource_counts" WHERE "span" = 86400000 AND "bucket_start" = old."received_at" - old."received_at" % 86400000
    AND "resource_type" = old."resource_type" AND "resource_id" = old."resource_id" AND "endpoint_id" = old."endpoint_id" AND "count" <= 0;
END;
