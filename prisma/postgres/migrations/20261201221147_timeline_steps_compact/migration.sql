-- Kept timeline steps keyed by an integer per resource, with their diffs compressed (the
-- SQLite migration of the same name). The steps are derived from the deliveries: they
-- start over, and the keeper keeps them again.
DELETE FROM "timeline_steps";
DELETE FROM "timeline_heads";
DELETE FROM "settings" WHERE "key" = 'timeline_steps.kept_through';

-- DropIndex
DROP INDEX "timeline_steps_resource_type_resource_id_invalid_delivery_i_idx";

-- DropIndex
DROP INDEX "timeline_steps_resource_type_resource_id_snapshot_time_idx";

-- AlterTable
ALTER TABLE "timeline_steps" DROP COLUMN "resource_id",
DROP COLUMN "resource_type",
ADD COLUMN     "diff_dictionary" INTEGER,
ADD COLUMN     "head" INTEGER NOT NULL,
DROP COLUMN "diff",
ADD COLUMN     "diff" BYTEA;

-- AlterTable
ALTER TABLE "timeline_heads" DROP CONSTRAINT "timeline_heads_pkey",
ADD COLUMN     "invalid_steps" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "key" SERIAL NOT NULL,
ADD COLUMN     "steps" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "timeline_heads_pkey" PRIMARY KEY ("key");

-- CreateIndex
CREATE INDEX "timeline_steps_head_invalid_delivery_id_idx" ON "timeline_steps"("head", "invalid", "delivery_id");

-- CreateIndex
CREATE INDEX "timeline_steps_head_snapshot_time_idx" ON "timeline_steps"("head", "snapshot_time");

-- CreateIndex
CREATE UNIQUE INDEX "timeline_heads_resource_type_resource_id_key" ON "timeline_heads"("resource_type", "resource_id");


-- A head's step counts follow its rows (SQLite: triggers timeline_steps_count and
-- timeline_steps_uncount): PL/pgSQL functions and row triggers, the same updates.
CREATE FUNCTION "timeline_steps_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "timeline_heads" SET "steps" = "steps" + (NOT NEW."invalid")::integer,
    "invalid_steps" = "invalid_steps" + NEW."invalid"::integer WHERE "key" = NEW."head";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "timeline_steps_count" AFTER INSERT ON "timeline_steps"
  FOR EACH ROW EXECUTE FUNCTION "timeline_steps_count"();

CREATE FUNCTION "timeline_steps_uncount"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "timeline_heads" SET "steps" = "steps" - (NOT OLD."invalid")::integer,
    "invalid_steps" = "invalid_steps" - OLD."invalid"::integer WHERE "key" = OLD."head";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "timeline_steps_uncount" AFTER DELETE ON "timeline_steps"
  FOR EACH ROW EXECUTE FUNCTION "timeline_steps_uncount"();
