import "server-only";
import { getDatabase } from "../db/sqlite";
import { processSingleton } from "../process-singleton";
import { subscribeDeliveries } from "../live/delivery-bus";
import { isEventDelivery } from "../setup/verification-ticks";

/**
 * When each endpoint last received a validation message and an event. Asking the table
 * every time costs a scan that grows with other endpoints' traffic (an idle endpoint's
 * last event sits behind everything received since), so each endpoint is read from the
 * table once and then kept current from the delivery bus, which sees every committed
 * delivery in this process. Times are when it arrived, so retention does not undo them.
 */
export type LastSeen = { validationAt: number | null; eventAt: number | null };

function later(current: number | null, next: number): number {
  return current === null || next > current ? next : current;
}

function seen(): Map<string, LastSeen> {
  return processSingleton("endpointLastSeen", () => {
    const map = new Map<string, LastSeen>();
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

/**
 * The newest delivery of one kind at this endpoint. The existence check walks only this
 * endpoint's own index entries (`+kind` keeps SQLite off the kind index), so an endpoint
 * that never had one does not scan everyone else's; the lookup walks the kind index newest
 * first (`+endpoint_id` keeps it there whatever the statistics say) and stops at the first.
 */
function readLatest(endpointId: string, kind: string, textWithEvent = false): number | null {
  const db = getDatabase();
  const extra = textWithEvent ? " AND event_type IS NOT NULL AND event_type != ''" : "";
  const any = db
    .prepare(`SELECT 1 FROM deliveries WHERE endpoint_id = ? AND +kind = ?${extra} LIMIT 1`)
    .get(endpointId, kind);
  if (!any) return null;
  const at = db
    .prepare(
      `SELECT received_at FROM deliveries WHERE kind = ? AND +endpoint_id = ?${extra} ORDER BY id DESC LIMIT 1`,
    )
    .pluck()
    .get(kind, endpointId);
  return typeof at === "number" ? at : null;
}

function newest(...times: Array<number | null>): number | null {
  const known = times.filter((t): t is number => t !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

export function getLastSeen(endpointId: string): LastSeen {
  const map = seen();
  let entry = map.get(endpointId);
  if (!entry) {
    entry = {
      validationAt: readLatest(endpointId, "verification"),
      // Template mode sends events as text that still carries X-Yunion-Event.
      eventAt: newest(readLatest(endpointId, "event"), readLatest(endpointId, "text", true)),
    };
    map.set(endpointId, entry);
  }
  return { ...entry };
}

/** A deleted endpoint's times go with it. */
export function forgetLastSeen(endpointId: string): void {
  seen().delete(endpointId);
}
