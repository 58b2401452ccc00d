import type { EventFilter } from "./event-filter";
import type { EventSummary } from "./event-summary";

/**
 * The feed filter applied to one summary in memory: the live stream's counterpart of
 * eventFilterSql, and it must agree with it (the tests hold both to the same cases).
 * `q` is left to the caller: payload search reads the stored body (lib/search), which
 * a summary does not carry.
 */
export function matchesFilter(item: EventSummary, filter: EventFilter): boolean {
  const inList = (value: string | null, list: string[] | undefined) =>
    !list?.length || (value !== null && list.includes(value));
  if (filter.endpoint && item.endpoint_id !== filter.endpoint) return false;
  if (!inList(item.kind, filter.kind)) return false;
  if (!inList(item.resource_type, filter.resource_type)) return false;
  if (!inList(item.action, filter.action)) return false;
  if (!inList(item.result, filter.result)) return false;
  if (!inList(item.signature, filter.signature)) return false;
  if (filter.resource_id && item.resource_id !== filter.resource_id) return false;
  if (filter.duplicate !== undefined && (item.duplicate_of !== null) !== filter.duplicate)
    return false;
  const at = Date.parse(item.received_at);
  if (filter.since !== undefined && at < filter.since) return false;
  if (filter.until !== undefined && at >= filter.until) return false;
  return true;
}
