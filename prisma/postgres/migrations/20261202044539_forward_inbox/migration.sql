-- CreateTable
CREATE TABLE "forward_inbox" (
    "delivery_id" INTEGER NOT NULL,
    "rule_ids" TEXT NOT NULL,
    "order_key" TEXT NOT NULL,
    "queued_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "forward_inbox_pkey" PRIMARY KEY ("delivery_id")
);

-- AddForeignKey
ALTER TABLE "forward_inbox" ADD CONSTRAINT "forward_inbox_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

