import "server-only";
import { latestReceivedAt } from "../db/queries/endpoint-traffic";
import { processSingleton } from "../process-singleton";
import { subscribeDeliveries } from "../live/delivery-bus";
import { isEventDelivery } from "../setup/verification-ticks";

/**
 * When each endpoint last received a validation message and an event. Asking the table
 * every time costs a scan that grows with other endpoints' traffic (an idle endpoint's
 * last event sits behind everything received since), so each endpoint is read from the
 * table once and then kept current from the delivery bus, which sees every committed
 * delivery in this process. Times are when it arrived, so retention does not undo them.
 * (Several instances: each sees only its own bus until LISTEN/NOTIFY carries every
 * instance's deliveries, issue 14.)
 */
export type LastSeen = { validationAt: number | null; eventAt: number | null };

function later(current: number | null, next: number): number {
  return current === null || next > current ? next : current;
}

type Entry = LastSeen & { read: Promise<void> };

function seen(): Map<string, Entry> {
  return processSingleton("endpointLastSeen", () => {
    const map = new Map<string, Entry>();
    subscribeDeliveries((items) => {
      for (const item of items) {
        const entry = map.get(item.endpoint_id);
        if (!entry) continue; // read from the table on first use, which will include it
        const at = Date.parse(item.received_at);
        if (item.kind === "verification") entry.validationAt = later(entry.validationAt, at);
        else if (isEventDelivery(item)) entry.eventAt = later(entry.eventAt, at);
      }
    });
    return map;
  });
}

function newest(...times: Array<number | null>): number | null {
  const known = times.filter((t): t is number => t !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

async function readInto(endpointId: string, entry: LastSeen): Promise<void> {
  const [validation, event, text] = await Promise.all([
    latestReceivedAt(endpointId, "verification"),
    latestReceivedAt(endpointId, "event"),
    // Template mode sends events as text that still carries X-Yunion-Event.
    latestReceivedAt(endpointId, "text", { withEvent: true }),
  ]);
  entry.validationAt = newest(entry.validationAt, validation);
  entry.eventAt = newest(entry.eventAt, event, text);
}

/**
 * The entry goes into the map before the table is read, so that a delivery the bus
 * reports while the read is under way counts too (the read's times merge under it);
 * callers meanwhile wait for the same read.
 */
export async function getLastSeen(endpointId: string): Promise<LastSeen> {
  const map = seen();
  let entry = map.get(endpointId);
  if (!entry) {
    const created: Entry = { validationAt: null, eventAt: null, read: Promise.resolve() };
    created.read = readInto(endpointId, created).catch((error: unknown) => {
      if (map.get(endpointId) === created) map.delete(endpointId);
      throw error;
    });
    map.set(endpointId, (entry = created));
  }
  await entry.read;
  return { validationAt: entry.validationAt, eventAt: entry.eventAt };
}

/** A deleted endpoint's times go with it. */
export function forgetLastSeen(endpointId: string): void {
  seen().delete(endpointId);
}
