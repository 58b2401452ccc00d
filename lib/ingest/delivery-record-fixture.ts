import type { DeliveryRecord } from "./delivery-record";

/** A delivery record as the receiver hands it to a writer, for tests (a server update);
 *  the fields given replace these. */
export const deliveryRecordFixture = (fields: Partial<DeliveryRecord> = {}): DeliveryRecord => ({
  endpointId: "ep",
  receivedAt: 1_000_000,
  kind: "event",
  eventType: "SERVER/UPDATE",
  resourceType: "server",
  action: "update",
  result: "succeed",
  resourceId: "s-1",
  resourceName: "vm",
  messageKey: "Msg",
  message: null,
  signature: "unsigned",
  signatureReason: null,
  method: "POST",
  answeredStatus: 200,
  answeredError: null,
  release: null,
  size: 10,
  bodyHash: "h1",
  parseError: null,
  warnings: [],
  secretFields: [],
  resourceStatus: "running",
  encoding: "identity",
  headers: Buffer.from("[]"),
  body: Buffer.from("{}"),
  ...fields,
});
