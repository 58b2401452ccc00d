import type Database from "better-sqlite3";
import { summaryFromRecord } from "../events/event-summary";
import { matchesFilter } from "../events/match-filter";
import type { DeliveryRecord, StoredDelivery } from "../ingest/delivery-record";
import { recordMatchesSearch } from "../search/search-query-sqlite";
import { forwardQueries } from "./forward-queries";
import { activeRules } from "./forward-rules-cache";

/** Deliveries of one resource keep their order at a target; others need none. */
export function orderKey(
  resourceType: string | null,
  resourceId: string | null,
  deliveryId: number,
): string {
  return resourceType && resourceId ? `${resourceType}/${resourceId}` : `#${deliveryId}`;
}

/**
 * The writer's in-transaction step: queues the new delivery for every enabled rule whose
 * filter it matches, so that the commit that makes it durable makes its forwards durable
 * too. Paused rules still queue (they send once resumed).
 */
export function queueForwards(db: Database.Database) {
  const { enqueue } = forwardQueries(db);
  return (record: DeliveryRecord, stored: StoredDelivery) => {
    const rules = activeRules(db);
    if (rules.length === 0) return;
    const summary = summaryFromRecord(record, stored);
    const key = orderKey(record.resourceType, record.resourceId, stored.id);
    for (const rule of rules) {
      if (!matchesFilter(summary, rule.filter)) continue;
      // Payload search reads the (redacted) body, which the summary does not carry.
      if (rule.filter.q && !recordMatchesSearch(db, record, rule.filter.q)) continue;
      enqueue({ ruleId: rule.id, deliveryId: stored.id, orderKey: key, now: record.receivedAt });
    }
  };
}
