import { rankedResources } from "../db/queries/stats";
import type { TopResourcesBody } from "./stats-types";
import type { TopResourcesQuery } from "./stats-query";
import { DAY_MS, HOUR_MS, planSegments } from "./time-buckets";

/**
 * The resources with the most deliveries (or failed results) in a range: whole days and
 * hours from resource_counts, the edges from the deliveries, summed in SQL; the current
 * name from the resources table (lib/db/queries/stats.ts).
 */
export async function topResources(query: TopResourcesQuery): Promise<TopResourcesBody> {
  const data = await rankedResources({
    segments: planSegments(query.since, query.until, [DAY_MS, HOUR_MS]),
    endpoint: query.endpoint,
    by: query.by,
    limit: query.limit,
  });
  return {
    since: new Date(query.since).toISOString(),
    until: new Date(query.until).toISOString(),
    data,
  };
}
