-- Each endpoint's own timeline of a resource several endpoints sent (issue 19: a timeline
-- filtered to one endpoint opened by building the whole history). Kept beside the whole
-- one by lib/resources/extend-timeline.ts and keep-endpoint-timelines.ts.

-- CreateTable
CREATE TABLE "timeline_endpoint_heads" (
    "key" SERIAL NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "through_id" INTEGER NOT NULL,
    "state_from" INTEGER,
    "newest_time" BIGINT,
    "steps" INTEGER NOT NULL DEFAULT 0,
    "invalid_steps" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "timeline_endpoint_heads_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "timeline_endpoint_steps" (
    "head" INTEGER NOT NULL,
    "delivery_id" INTEGER NOT NULL,
    "invalid" BOOLEAN NOT NULL DEFAULT false,
    "flags" INTEGER NOT NULL DEFAULT 0,
    "compared_to" INTEGER,
    "diff" BYTEA,
    "diff_dictionary" INTEGER,
    "state_of" INTEGER,
    "state" TEXT,
    "snapshot_time" BIGINT,

    CONSTRAINT "timeline_endpoint_steps_pkey" PRIMARY KEY ("head","delivery_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "timeline_endpoint_heads_resource_type_resource_id_endpoint__key" ON "timeline_endpoint_heads"("resource_type", "resource_id", "endpoint_id");

-- CreateIndex
CREATE INDEX "timeline_endpoint_steps_delivery_id_idx" ON "timeline_endpoint_steps"("delivery_id");

-- CreateIndex
CREATE INDEX "timeline_endpoint_steps_head_snapshot_time_idx" ON "timeline_endpoint_steps"("head", "snapshot_time");

-- AddForeignKey
ALTER TABLE "timeline_endpoint_steps" ADD CONSTRAINT "timeline_endpoint_steps_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- An endpoint's chain counts its steps in its head (SQLite: triggers
-- timeline_endpoint_steps_count and _uncount): PL/pgSQL functions and row triggers.
CREATE FUNCTION "timeline_endpoint_steps_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "timeline_endpoint_heads" SET "steps" = "steps" + (NOT NEW."invalid")::integer,
    "invalid_steps" = "invalid_steps" + NEW."invalid"::integer WHERE "key" = NEW."head";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "timeline_endpoint_steps_count" AFTER INSERT ON "timeline_endpoint_steps"
  FOR EACH ROW EXECUTE FUNCTION "timeline_endpoint_steps_count"();

CREATE FUNCTION "timeline_endpoint_steps_uncount"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "timeline_endpoint_heads" SET "steps" = "steps" - (NOT OLD."invalid")::integer,
    "invalid_steps" = "invalid_steps" - OLD."invalid"::integer WHERE "key" = OLD."head";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "timeline_endpoint_steps_uncount" AFTER DELETE ON "timeline_endpoint_steps"
  FOR EACH ROW EXECUTE FUNCTION "timeline_endpoint_steps_uncount"();

-- Resources several endpoints sent before these chains existed: each of their endpoints gets
-- an empty chain, which the keeper's sweep (or a first reader) catches up from the history.
INSERT INTO "timeline_endpoint_heads" ("resource_type", "resource_id", "endpoint_id", "through_id")
SELECT DISTINCT h."resource_type", h."resource_id", d."endpoint_id", 0
FROM "timeline_heads" h JOIN "deliveries" d
  ON d."resource_type" = h."resource_type" AND d."resource_id" = h."resource_id"
WHERE h."mixed_endpoints" = true AND d."kind" = 'event' AND d."id" <= h."through_id";
