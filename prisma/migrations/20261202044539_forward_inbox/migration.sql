-- CreateTable
CREATE TABLE "forward_inbox" (
    "delivery_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rule_ids" TEXT NOT NULL,
    "order_key" TEXT NOT NULL,
    "queued_at" DATETIME NOT NULL,
    CONSTRAINT "forward_inbox_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

