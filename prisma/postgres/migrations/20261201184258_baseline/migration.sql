-- PostgreSQL baseline: the SQLite migrations through 20261201184257_timeline_steps in one.
-- The first part is `prisma migrate diff --from-empty --to-schema-datamodel
-- prisma/postgres/schema.prisma --script`; the second is hand-written (see its header).

-- CreateTable
CREATE TABLE "endpoints" (
    "id" TEXT NOT NULL,
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
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" SERIAL NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
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
    "method" TEXT NOT NULL DEFAULT 'POST',
    "answered_status" INTEGER,
    "answered_error" TEXT,
    "release" TEXT,
    "signature_reason" TEXT,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_contents" (
    "delivery_id" INTEGER NOT NULL,
    "encoding" TEXT NOT NULL,
    "headers" BYTEA NOT NULL,
    "body" BYTEA NOT NULL,

    CONSTRAINT "delivery_contents_pkey" PRIMARY KEY ("delivery_id")
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
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "delivery_count" INTEGER NOT NULL DEFAULT 0,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "resources_pkey" PRIMARY KEY ("resource_type","resource_id")
);

-- CreateTable
CREATE TABLE "resource_changes" (
    "id" SERIAL NOT NULL,
    "delivery_id" INTEGER NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "resource_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "timeline_steps" (
    "delivery_id" INTEGER NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "invalid" BOOLEAN NOT NULL DEFAULT false,
    "flags" INTEGER NOT NULL DEFAULT 0,
    "compared_to" INTEGER,
    "diff" TEXT,
    "state_of" INTEGER,
    "state" TEXT,
    "snapshot_time" BIGINT,

    CONSTRAINT "timeline_steps_pkey" PRIMARY KEY ("delivery_id")
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

    CONSTRAINT "timeline_heads_pkey" PRIMARY KEY ("resource_type","resource_id")
);

-- CreateTable
CREATE TABLE "replays" (
    "id" SERIAL NOT NULL,
    "event_id" INTEGER NOT NULL,
    "bulk_id" INTEGER,
    "url" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "endpoint_id" TEXT,
    "request_headers" TEXT NOT NULL,
    "request_body" BYTEA NOT NULL,
    "status" INTEGER,
    "duration_ms" INTEGER,
    "error" TEXT,
    "response_headers" TEXT,
    "response_body" BYTEA,
    "response_truncated" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "replays_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bulk_replays" (
    "id" SERIAL NOT NULL,
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
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "bulk_replays_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replay_destinations" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "replay_destinations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "compression_dictionaries" (
    "id" SERIAL NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "compression_dictionaries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_counts" (
    "span" INTEGER NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "delivery_counts_pkey" PRIMARY KEY ("span","bucket_start","endpoint_id","kind","resource_type","action","result","signature")
);

-- CreateTable
CREATE TABLE "resource_counts" (
    "span" INTEGER NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,

    CONSTRAINT "resource_counts_pkey" PRIMARY KEY ("span","bucket_start","resource_type","resource_id","endpoint_id")
);

-- CreateTable
CREATE TABLE "stats_rollup_state" (
    "id" INTEGER NOT NULL,
    "last_delivery_id" INTEGER NOT NULL,

    CONSTRAINT "stats_rollup_state_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forward_rules" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "filter" TEXT NOT NULL DEFAULT '{}',
    "mode" TEXT NOT NULL,
    "endpoint_id" TEXT,
    "chat" TEXT,
    "template" TEXT,
    "headers" TEXT NOT NULL DEFAULT '[]',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "concurrency" INTEGER NOT NULL DEFAULT 4,
    "failing_since" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "forward_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forward_jobs" (
    "id" SERIAL NOT NULL,
    "rule_id" INTEGER NOT NULL,
    "delivery_id" INTEGER NOT NULL,
    "order_key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queued_at" TIMESTAMPTZ(3) NOT NULL,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "lease_until" TIMESTAMPTZ(3),
    "last_status" INTEGER,
    "last_error" TEXT,
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "forward_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forward_attempts" (
    "id" SERIAL NOT NULL,
    "job_id" INTEGER NOT NULL,
    "rule_id" INTEGER NOT NULL,
    "delivery_id" INTEGER NOT NULL,
    "status" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "response" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "forward_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "endpoints_token_key" ON "endpoints"("token");

-- CreateIndex
CREATE INDEX "deliveries_endpoint_id_idx" ON "deliveries"("endpoint_id");

-- CreateIndex
CREATE INDEX "deliveries_endpoint_id_resource_type_action_result_kind_idx" ON "deliveries"("endpoint_id", "resource_type", "action", "result", "kind");

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
CREATE INDEX "timeline_steps_resource_type_resource_id_invalid_delivery_i_idx" ON "timeline_steps"("resource_type", "resource_id", "invalid", "delivery_id");

-- CreateIndex
CREATE INDEX "timeline_steps_resource_type_resource_id_snapshot_time_idx" ON "timeline_steps"("resource_type", "resource_id", "snapshot_time");

-- CreateIndex
CREATE INDEX "replays_event_id_id_idx" ON "replays"("event_id", "id");

-- CreateIndex
CREATE INDEX "replays_bulk_id_idx" ON "replays"("bulk_id");

-- CreateIndex
CREATE INDEX "replays_created_at_idx" ON "replays"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "replay_destinations_url_key" ON "replay_destinations"("url");

-- CreateIndex
CREATE INDEX "forward_jobs_rule_id_state_next_attempt_at_idx" ON "forward_jobs"("rule_id", "state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "forward_jobs_rule_id_order_key_state_idx" ON "forward_jobs"("rule_id", "order_key", "state");

-- CreateIndex
CREATE INDEX "forward_jobs_delivery_id_idx" ON "forward_jobs"("delivery_id");

-- CreateIndex
CREATE INDEX "forward_attempts_rule_id_id_idx" ON "forward_attempts"("rule_id", "id");

-- CreateIndex
CREATE INDEX "forward_attempts_job_id_idx" ON "forward_attempts"("job_id");

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_contents" ADD CONSTRAINT "delivery_contents_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timeline_steps" ADD CONSTRAINT "timeline_steps_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replays" ADD CONSTRAINT "replays_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replays" ADD CONSTRAINT "replays_bulk_id_fkey" FOREIGN KEY ("bulk_id") REFERENCES "bulk_replays"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forward_jobs" ADD CONSTRAINT "forward_jobs_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "forward_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forward_jobs" ADD CONSTRAINT "forward_jobs_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forward_attempts" ADD CONSTRAINT "forward_attempts_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "forward_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forward_attempts" ADD CONSTRAINT "forward_attempts_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "forward_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- =========================================================================================
-- Hand-written: what prisma/schema.prisma does not describe, ported from the SQLite
-- migrations named in each comment. docs/cluster.md lists them and what did not port as is
-- (WITHOUT ROWID, FTS5's own commands). tests/postgres/schema-drift.test.ts names each
-- object below as expected beside the rendered schema.
-- =========================================================================================

-- 20261128130449_stats_rollups: nothing counted yet; the first refresh counts every delivery.
INSERT INTO "stats_rollup_state" ("id", "last_delivery_id") VALUES (1, 0);

-- 20261128130449_stats_rollups: the latest failures newest first without scanning the range.
-- Partial: only failing deliveries pay for it at ingest.
CREATE INDEX "deliveries_failures_idx" ON "deliveries"("received_at")
  WHERE "result" = 'failed' OR "signature" = 'invalid' OR "kind" = 'unparsed';

-- 20261128130449_stats_rollups: a delivery already counted that goes (retention, a deleted
-- endpoint's cascade) is taken back out of the rollups, and rows that reach zero go with it.
-- SQLite's `WHEN old.id <= (SELECT …)` becomes the first IF (a trigger's WHEN cannot hold a
-- subquery here; a missing state row counts nothing, as NULL does there), and
-- `received_at - received_at % span` (Unix ms) becomes date_bin over the epoch: the same
-- UTC minute, hour and day buckets.
CREATE FUNCTION "deliveries_stats_uncount"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  span_ms integer;
  bucket timestamptz;
BEGIN
  IF NOT coalesce(OLD."id" <= (SELECT "last_delivery_id" FROM "stats_rollup_state" WHERE "id" = 1), false) THEN
    RETURN NULL;
  END IF;
  FOREACH span_ms IN ARRAY ARRAY[60000, 3600000] LOOP
    bucket := date_bin(span_ms * interval '1 millisecond', OLD."received_at", timestamptz '1970-01-01 00:00:00+00');
    UPDATE "delivery_counts" SET "count" = "count" - 1
      WHERE "span" = span_ms AND "bucket_start" = bucket
        AND "endpoint_id" = OLD."endpoint_id" AND "kind" = OLD."kind"
        AND "resource_type" = coalesce(OLD."resource_type", '') AND "action" = coalesce(OLD."action", '')
        AND "result" = coalesce(OLD."result", '') AND "signature" = OLD."signature";
    DELETE FROM "delivery_counts"
      WHERE "span" = span_ms AND "bucket_start" = bucket
        AND "endpoint_id" = OLD."endpoint_id" AND "kind" = OLD."kind"
        AND "resource_type" = coalesce(OLD."resource_type", '') AND "action" = coalesce(OLD."action", '')
        AND "result" = coalesce(OLD."result", '') AND "signature" = OLD."signature" AND "count" <= 0;
  END LOOP;
  FOREACH span_ms IN ARRAY ARRAY[3600000, 86400000] LOOP
    bucket := date_bin(span_ms * interval '1 millisecond', OLD."received_at", timestamptz '1970-01-01 00:00:00+00');
    UPDATE "resource_counts"
      SET "count" = "count" - 1, "failures" = "failures" - (OLD."result" IS NOT DISTINCT FROM 'failed')::integer
      WHERE "span" = span_ms AND "bucket_start" = bucket
        AND "resource_type" = OLD."resource_type" AND "resource_id" = OLD."resource_id" AND "endpoint_id" = OLD."endpoint_id";
    DELETE FROM "resource_counts"
      WHERE "span" = span_ms AND "bucket_start" = bucket
        AND "resource_type" = OLD."resource_type" AND "resource_id" = OLD."resource_id" AND "endpoint_id" = OLD."endpoint_id"
        AND "count" <= 0;
  END LOOP;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "deliveries_stats_uncount" AFTER DELETE ON "deliveries"
  FOR EACH ROW EXECUTE FUNCTION "deliveries_stats_uncount"();

-- 20261201100000_search_index: FTS5's contentless `detail=none` table (which deliveries hold
-- a term, no positions, no copy of the text) becomes a tsvector of the same terms without
-- positions (array_to_tsvector takes each term as it is, as the `ascii` tokenizer does with
-- lib/search/search-terms.ts's encoding) under a GIN index, which answers AND, OR, NOT and
-- prefix (`term:*`) queries like FTS5's MATCH. rowid becomes delivery_id.
CREATE TABLE "search_index" (
    "delivery_id" INTEGER NOT NULL,
    "terms" TSVECTOR NOT NULL,

    CONSTRAINT "search_index_pkey" PRIMARY KEY ("delivery_id")
);
CREATE INDEX "search_index_terms_idx" ON "search_index" USING GIN ("terms");

-- One row (id 1): the highest delivery id indexed, and the vocabulary version it was built with.
CREATE TABLE "search_index_state" (
    "id" INTEGER NOT NULL,
    "indexed_through" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "search_index_state_pkey" PRIMARY KEY ("id")
);

-- Field names (keys and dotted paths) seen in resource_details, for the search box's completion.
CREATE TABLE "search_fields" (
    "name" TEXT NOT NULL,
    "deliveries" INTEGER NOT NULL,

    CONSTRAINT "search_fields_pkey" PRIMARY KEY ("name")
);

-- Retention (and endpoint deletion) takes a delivery's terms with it.
CREATE FUNCTION "deliveries_search_unindex"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(OLD."id" <= (SELECT "indexed_through" FROM "search_index_state" WHERE "id" = 1), false) THEN
    DELETE FROM "search_index" WHERE "delivery_id" = OLD."id";
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "deliveries_search_unindex" AFTER DELETE ON "deliveries"
  FOR EACH ROW EXECUTE FUNCTION "deliveries_search_unindex"();
