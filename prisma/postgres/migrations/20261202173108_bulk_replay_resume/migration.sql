-- AlterTable
ALTER TABLE "bulk_replays" ADD COLUMN     "max_id" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "timeout_ms" INTEGER;


-- Hand-written: max_id holds a delivery id, bigint on PostgreSQL (docs/cluster.md, "The
-- delivery ids: bigint on PostgreSQL").
ALTER TABLE "bulk_replays" ALTER COLUMN "max_id" TYPE bigint;
