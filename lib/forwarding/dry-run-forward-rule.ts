import "server-only";
import { searchMatchingIds } from "../db/queries/deliveries";
import { recentDeliveries } from "../db/queries/forwarding-views";
import { summaryFromRow } from "../events/delivery-summary";
import { matchesFilter } from "../events/match-filter";
import type { DryRunResult, RuleFilter } from "./forward-types";

/** Which of the most recent deliveries a filter would have passed on: the same in-memory
 *  match the receiver applies to each new delivery. */
export async function dryRunForwardRule(options: {
  filter: RuleFilter;
  limit: number;
}): Promise<DryRunResult> {
  const rows = await recentDeliveries(options.limit);
  let matched = rows.map(summaryFromRow).filter((item) => matchesFilter(item, options.filter));
  const q = options.filter.q;
  if (q) {
    // Payload search reads the stored bodies, as the receiver's check does.
    const found = await searchMatchingIds(
      matched.map((item) => item.id),
      q,
    );
    matched = matched.filter((item) => found.has(item.id));
  }
  return {
    scanned: rows.length,
    matched: matched.length,
    deliveries: matched.slice(0, 50).map((item) => ({
      id: item.id,
      received_at: item.received_at,
      resource_type: item.resource_type,
      resource_name: item.resource_name,
      action: item.action,
      result: item.result,
    })),
  };
}
