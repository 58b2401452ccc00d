-- PostgreSQL only, hand-written (docs/cluster.md, "The stats rollups"): the trigger that takes a
-- deleted delivery out of the rollups reads the watermark FOR SHARE, so that a delete and a
-- refresh (which moves the watermark FOR UPDATE in the transaction that counts) take turns.
-- Without it, a delivery above the watermark deleted by a transaction still open when a
-- refresh counts it was counted and never taken out: the delete's trigger had read the old
-- watermark. Now the refresh waits for the delete's commit and no longer sees the row, or the
-- delete waits for the refresh's commit and reads the new watermark, which covers the row it
-- takes out. SQLite has one writer at a time; its trigger is unchanged.
CREATE OR REPLACE FUNCTION "deliveries_stats_uncount"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  span_ms integer;
  bucket timestamptz;
BEGIN
  IF NOT coalesce(OLD."id" <= (SELECT "last_delivery_id" FROM "stats_rollup_state" WHERE "id" = 1 FOR SHARE), false) THEN
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
