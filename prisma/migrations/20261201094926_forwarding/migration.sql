-- CreateTable
CREATE TABLE "forward_rules" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "failing_since" DATETIME,
    "last_error" TEXT,
    "last_error_at" DATETIME,
    "last_success_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "forward_jobs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rule_id" INTEGER NOT NULL,
    "delivery_id" INTEGER NOT NULL,
    "order_key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queued_at" DATETIME NOT NULL,
    "next_attempt_at" DATETIME NOT NULL,
    "lease_until" DATETIME,
    "last_status" INTEGER,
    "last_error" TEXT,
    "done_at" DATETIME,
    CONSTRAINT "forward_jobs_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "forward_rules" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "forward_jobs_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "forward_attempts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job_id" INTEGER NOT NULL,
    "rule_id" INTEGER NOT NULL,
    "delivery_id" INTEGER NOT NULL,
    "status" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "response" TEXT,
    "created_at" DATETIME NOT NULL,
    CONSTRAINT "forward_attempts_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "forward_jobs" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "forward_attempts_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "forward_rules" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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

