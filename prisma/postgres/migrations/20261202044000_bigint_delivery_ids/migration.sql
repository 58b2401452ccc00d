-- PostgreSQL only, hand-written (docs/cluster.md, "The delivery ids: bigint on PostgreSQL"):
-- a sequence never goes back, and a 32-bit deliveries.id stops at 2,147,483,647 (25 days of
-- a steady 1,000 deliveries a second). The ids and every column that holds one become
-- bigint; the Prisma schema keeps `Int`, which both clients read as a JavaScript number
-- (safe to 2^53), so domain code is unchanged. SQLite's INTEGER is 64-bit already.
ALTER SEQUENCE "deliveries_id_seq" AS bigint;
ALTER TABLE "deliveries" ALTER COLUMN "id" TYPE bigint, ALTER COLUMN "duplicate_of" TYPE bigint;
ALTER TABLE "delivery_contents" ALTER COLUMN "delivery_id" TYPE bigint;
ALTER TABLE "resources" ALTER COLUMN "last_event_id" TYPE bigint;
ALTER TABLE "resource_changes" ALTER COLUMN "delivery_id" TYPE bigint;
ALTER TABLE "timeline_steps" ALTER COLUMN "delivery_id" TYPE bigint;
ALTER TABLE "timeline_heads" ALTER COLUMN "through_id" TYPE bigint;
ALTER TABLE "timeline_endpoint_heads" ALTER COLUMN "through_id" TYPE bigint;
ALTER TABLE "timeline_endpoint_steps" ALTER COLUMN "delivery_id" TYPE bigint;
ALTER TABLE "replays" ALTER COLUMN "event_id" TYPE bigint;
ALTER TABLE "stats_rollup_state" ALTER COLUMN "last_delivery_id" TYPE bigint;
ALTER TABLE "forward_jobs" ALTER COLUMN "delivery_id" TYPE bigint;
ALTER TABLE "forward_attempts" ALTER COLUMN "delivery_id" TYPE bigint;
ALTER TABLE "search_index" ALTER COLUMN "delivery_id" TYPE bigint;
ALTER TABLE "search_index_state" ALTER COLUMN "indexed_through" TYPE bigint;

-- The platform's re-send, recognised whichever instance it reaches: the PostgreSQL writer
-- (lib/db/queries/delivery-writer-postgres.ts) looks up each batch's bodies here, under the
-- ingest lock. SQLite keeps them in memory (lib/ingest/recent-bodies.ts): one process.
CREATE INDEX "deliveries_resend_idx" ON "deliveries" ("endpoint_id", "body_hash", "id")
  WHERE "kind" <> 'verification';
