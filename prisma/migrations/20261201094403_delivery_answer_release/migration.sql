-- What Hooklens answered, the request method, the detected platform release and why a
-- signature is not valid. ADD COLUMN keeps the table (and its partial index and the
-- stats trigger) as it is; older rows keep NULL (answered_status unknown).
ALTER TABLE "deliveries" ADD COLUMN "method" TEXT NOT NULL DEFAULT 'POST';
ALTER TABLE "deliveries" ADD COLUMN "answered_status" INTEGER;
ALTER TABLE "deliveries" ADD COLUMN "answered_error" TEXT;
ALTER TABLE "deliveries" ADD COLUMN "release" TEXT;
ALTER TABLE "deliveries" ADD COLUMN "signature_reason" TEXT;
