import { compileFilter, type FilterFields } from "../events/match-filter";
import type { DeliveryRecord } from "../ingest/delivery-record";
import type { ActiveRule } from "./forward-rules-cache";

/** Deliveries of one resource keep their order at a target; others need none. */
export function orderKey(
  resourceType: string | null,
  resourceId: string | null,
  deliveryId: number,
): string {
  return resourceType && resourceId ? `${resourceType}/${resourceId}` : `#${deliveryId}`;
}

export type CompiledRule = { id: number; matches: (fields: FilterFields) => boolean; q?: string };

/** Rule filters compiled once per set of rules (the cache hands out a new array when a
 *  rule changes). */
const compiled = new WeakMap<ActiveRule[], CompiledRule[]>();

export function compileRules(rules: ActiveRule[]): CompiledRule[] {
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

export function fieldsOf(record: DeliveryRecord, duplicateOf: number | null): FilterFields {
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

/** The rules a delivery matches: its fields, then (for a rule with payload search) its body,
 *  which `searched` checks. Paused rules match too (they send once resumed). */
export function ruleIdsMatching(
  rules: CompiledRule[],
  fields: FilterFields,
  searched: (q: string) => boolean,
): number[] {
  const ids: number[] = [];
  for (const rule of rules) {
    if (!rule.matches(fields)) continue;
    if (rule.q && !searched(rule.q)) continue;
    ids.push(rule.id);
  }
  return ids;
}
