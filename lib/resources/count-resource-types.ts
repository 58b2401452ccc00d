import { getDatabase } from "../db/sqlite";
import type { ResourceTypeCount } from "./resource-types";

/** Every resource type seen, with how many resources of it, for the type filter. */
export function countResourceTypes(): ResourceTypeCount[] {
  return getDatabase()
    .prepare(
      `SELECT resource_type, count(*) AS count FROM resources
       GROUP BY resource_type ORDER BY count DESC, resource_type`,
    )
    .all() as ResourceTypeCount[];
}
