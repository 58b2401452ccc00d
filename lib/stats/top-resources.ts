import type Database from "better-sqlite3";
import { getDatabase } from "../db/sqlite";
import { refreshRollups } from "./refresh-rollups";
import type { TopResource, TopResourcesBody } from "./stats-types";
import { resourceCountSource } from "./rollup-source";
import type { TopResourcesQuery } from "./stats-query";
import { DAY_MS, HOUR_MS, planSegments } from "./time-buckets";

/**
 * The resources with the most deliveries (or failed results) in a range: whole days and
 * hours from resource_counts, the edges from the deliveries, summed in SQL; the current name from
 * the resources table.
 */
export function topResources(
  query: TopResourcesQuery,
  db: Database.Database = getDatabase(),
): TopResourcesBody {
  refreshRollups(db);
  const order = query.by === "failures" ? "failures" : "deliveries";
  const segments = planSegments(query.since, query.until, [DAY_MS, HOUR_MS]);
  const source = resourceCountSource(segments, query.endpoint, order === "failures");
  const data = db
    .prepare(
      `SELECT top.resource_type, top.resource_id, r.resource_name, top.deliveries, top.failures
       FROM (SELECT resource_type, resource_id, sum(n) AS deliveries, sum(failures) AS failures
             FROM (${source.sql}) GROUP BY resource_type, resource_id
             HAVING ${order} > 0 ORDER BY ${order} DESC, deliveries DESC LIMIT @limit) AS top
       LEFT JOIN resources r ON r.resource_type = top.resource_type AND r.resource_id = top.resource_id
       ORDER BY top.${order} DESC, top.deliveries DESC, top.resource_type, top.resource_id`,
    )
    .all({ ...source.params, limit: query.limit }) as TopResource[];
  return {
    since: new Date(query.since).toISOString(),
    until: new Date(query.until).toISOString(),
    data,
  };
}
