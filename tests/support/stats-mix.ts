import type { DeliveryRecord } from "../../lib/ingest/delivery-record";
import { deliveryRecordFixture } from "../../lib/ingest/delivery-record-fixture";

/** Deliveries for the stats tests (tests/postgres/stats-*.test.ts), as the receiver's store takes them. */
export const T0 = Date.UTC(2026, 11, 2, 9, 58, 30, 250);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const iso = (ms: number) => new Date(ms).toISOString();

let seed = 5;
const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

/** A mix over about three hours: events, texts, validations, unparsed bodies. */
export function mix(count: number, offset: number): DeliveryRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = pick(["event", "event", "event", "text", "verification", "unparsed"] as const);
    const event = kind === "event";
    return deliveryRecordFixture({
      endpointId: pick(["ep", "ep2"]),
      receivedAt: T0 + Math.floor(random() * 3 * HOUR),
      kind,
      resourceType: event || kind === "unparsed" ? pick(["server", "disk"]) : null,
      action: event ? pick(["create", "update", "delete"]) : null,
      result: event ? pick(["succeed", "failed"]) : null,
      resourceId: event ? pick(["a", "b", "c", "B"]) : null,
      signature: pick(["valid", "invalid", "unsigned"]),
      bodyHash: `h${offset + i}`,
    });
  });
}
