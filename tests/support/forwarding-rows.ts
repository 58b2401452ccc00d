import type { JobFinish, JobRow, RuleFields } from "../../lib/db/queries/forwarding";
import { openReceivingStore } from "../../lib/db/queries/receiving";
import { deliveryRecordFixture } from "../../lib/ingest/delivery-record-fixture";

/** Rows for forwarding's query tests (tests/postgres/forwarding-*.test.ts). */
export const NOW = Date.UTC(2026, 11, 3, 9, 0, 0);

export const fields = (overrides: Partial<RuleFields> = {}): RuleFields => ({
  name: "cmdb",
  url: "http://127.0.0.1:9/hook",
  filter: JSON.stringify({ endpoint: "ep", resource_type: "server" }),
  mode: "exact",
  endpoint_id: null,
  chat: null,
  template: null,
  headers: "[]",
  enabled: 1,
  concurrency: 4,
  ...overrides,
});

/** Deliveries through the receiver's store, as the server writes them. */
export async function receive(records: Array<Parameters<typeof deliveryRecordFixture>[0]>) {
  const { writer } = openReceivingStore(0);
  const stored = [];
  for (const record of records)
    stored.push(await writer.write(deliveryRecordFixture({ receivedAt: NOW, ...record })));
  return stored.map((row) => row.id);
}

export const finish = (job: JobRow, state: JobFinish["state"], now = NOW + 10): JobFinish => ({
  jobId: job.id,
  ruleId: job.rule_id,
  orderKey: job.order_key,
  deliveryId: job.delivery_id,
  state,
  nextAttemptAt: state === "pending" ? now : null,
  status: state === "delivered" ? 200 : 500,
  error: state === "delivered" ? null : "answered 500",
  durationMs: 7,
  outcome: state === "delivered" ? "delivered" : state === "dead" ? "dead" : "retry",
  response: "ok",
  now,
});
