import type Database from "better-sqlite3";
import { compileFilter, type FilterFields } from "../events/match-filter";
import type { DeliveryRecord } from "../ingest/delivery-record";
import type { WrittenDelivery } from "../ingest/delivery-writer";
import { recordMatchesSearch } from "../search/search-query-sqlite";
import { forwardQueries } from "./forward-queries";
import { activeRules, noteInboxed, type ActiveRule } from "./forward-rules-cache";

/** Deliveries of one resource keep their order at a target; others need none. */
export function orderKey(
  resourceType: string | null,
  resourceId: string | null,
  deliveryId: number,
): string {
  return resourceType && resourceId ? `${resourceType}/${resourceId}` : `#${deliveryId}`;
}

type CompiledRule = { id: number; matches: (fields: FilterFields) => boolean; q?: string };

/** Rule filters compiled once per set of rules (the cache hands out a new array when a
 *  rule changes). */
const compiled = new WeakMap<ActiveRule[], CompiledRule[]>();

function compileRules(rules: ActiveRule[]): CompiledRule[] {
  let found = compiled.get(rules);
  if (!found) {
    found = rules.map((rule) => ({
      id: rule.id,
      matches: compileFilter(rule.filter),
      q: rule.filter.q,
    }));
    compiled.set(rules, found);
  }
  return found;
}

function fieldsOf(record: DeliveryRecord, duplicateOf: number | null): FilterFields {
  return {
    endpointId: record.endpointId,
    kind: record.kind,
    resourceType: record.resourceType,
    action: record.action,
    result: record.result,
    signature: record.signature,
    resourceId: record.resourceId,
    duplicate: duplicateOf !== null,
    receivedAt: record.receivedAt,
  };
}

/**
 * The writer's in-transaction step: a batch's new deliveries that match an enabled rule's
 * filter go into the forwarding inbox, one row each with the rules it matched, so that
 * the commit that makes them durable makes their forwards durable too. The sender turns
 * the rows into jobs off the receiver's path (forwardQueries' admit). Paused rules still
 * queue (they send once resumed). With no enabled rule it costs one look at the cached
 * rules per batch.
 */
export function queueForwards(db: Database.Database) {
  const { queueInbox } = forwardQueries(db);
  return (written: WrittenDelivery[]) => {
    const rules = activeRules(db);
    if (rules.length === 0) return;
    const matchers = compileRules(rules);
    for (const { record, stored } of written) {
      const fields = fieldsOf(record, stored.duplicateOf);
      let ruleIds = "";
      for (const rule of matchers) {
        if (!rule.matches(fields)) continue;
        // Payload search reads the (redacted) body, which the fields do not carry.
        if (rule.q && !recordMatchesSearch(db, record, rule.q)) continue;
        ruleIds = ruleIds ? `${ruleIds},${rule.id}` : String(rule.id);
      }
      if (!ruleIds) continue;
      noteInboxed();
      queueInbox({
        deliveryId: stored.id,
        ruleIds,
        orderKey: orderKey(record.resourceType, record.resourceId, stored.id),
        now: record.receivedAt,
      });
    }
  };
}
