import type { DeliverySummary } from "./delivery-summary";

/** A delivery summary for unit tests (a server create); the fields given replace these. */
export const summaryFixture = (fields: Partial<DeliverySummary> = {}): DeliverySummary => ({
  id: 0,
  endpoint_id: "ep1",
  received_at: "2026-11-28T10:00:00.000Z",
  kind: "event",
  event_type: "SERVER/CREATE",
  resource_type: "server",
  action: "create",
  result: "succeed",
  resource_id: "s-1",
  resource_name: "Web_1",
  message_key: "Msg",
  message: null,
  signature: "unsigned",
  size: 10,
  duplicate_of: null,
  parse_error: null,
  warnings: [],
  secret_fields: [],
  method: "POST",
  answered_status: 200,
  answered_error: null,
  release: null,
  signature_reason: null,
  ...fields,
});
