import type { DeliveryFilter } from "./delivery-filter";
import type { DeliverySummary } from "./delivery-summary";

/** What the feed filter looks at in one delivery, in the writer's terms (times in ms). */
export type FilterFields = {
  endpointId: string;
  kind: string;
  resourceType: string | null;
  action: string | null;
  result: string | null;
  signature: string;
  resourceId: string | null;
  duplicate: boolean;
  receivedAt: number;
};

type Check = (item: FilterFields) => boolean;

function inList(values: string[] | undefined, field: (item: FilterFields) => string | null) {
  if (!values?.length) return null;
  const allowed = new Set(values);
  return (item: FilterFields) => {
    const value = field(item);
    return value !== null && allowed.has(value);
  };
}

/**
 * The feed filter as one function, built once: only the conditions the filter sets are
 * checked, lists become sets. The writer runs every forwarding rule's against every new
 * delivery, inside its commit. It is the live stream's counterpart of deliveryFilterSql and
 * must agree with it (the tests hold both to the same cases). `q` is left to the caller:
 * payload search reads the stored body (lib/search), which these fields do not carry.
 */
export function compileFilter(filter: DeliveryFilter): Check {
  const checks = [
    filter.endpoint ? (item: FilterFields) => item.endpointId === filter.endpoint : null,
    inList(filter.kind, (item) => item.kind),
    inList(filter.resource_type, (item) => item.resourceType),
    inList(filter.action, (item) => item.action),
    inList(filter.result, (item) => item.result),
    inList(filter.signature, (item) => item.signature),
    filter.resource_id ? (item: FilterFields) => item.resourceId === filter.resource_id : null,
    filter.duplicate !== undefined
      ? (item: FilterFields) => item.duplicate === filter.duplicate
      : null,
    filter.since !== undefined ? (item: FilterFields) => item.receivedAt >= filter.since! : null,
    filter.until !== undefined ? (item: FilterFields) => item.receivedAt < filter.until! : null,
  ].filter((check): check is Check => check !== null);
  return (item) => checks.every((check) => check(item));
}

export function summaryFields(item: DeliverySummary): FilterFields {
  return {
    endpointId: item.endpoint_id,
    kind: item.kind,
    resourceType: item.resource_type,
    action: item.action,
    result: item.result,
    signature: item.signature,
    resourceId: item.resource_id,
    duplicate: item.duplicate_of !== null,
    receivedAt: Date.parse(item.received_at),
  };
}

/** The feed filter applied to one summary in memory (the live stream, a dry run). */
export function matchesFilter(item: DeliverySummary, filter: DeliveryFilter): boolean {
  return compileFilter(filter)(summaryFields(item));
}
