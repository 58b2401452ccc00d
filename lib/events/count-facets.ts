import { getDatabase } from "../db/sqlite";
import type { FacetsResponse } from "./delivery-types";
import type { DeliveryFilter } from "./delivery-filter";
import { isExactSearch } from "../search/search-query-sqlite";
import { deliveryFilterSql } from "./delivery-filter-sql";
import {
  facetsFromGroups,
  totalFromGroups,
  withoutFacetDimensions,
  type FacetGroup,
} from "./facet-counts";

const GROUP_COLUMNS = ["endpoint_id", "resource_type", "action", "result", "kind"];

/**
 * Counts by resource_type, action, result and kind for a feed filter, in one grouped
 * query: the facet dimensions stay out of the WHERE clause and are applied to the
 * grouped rows (a few hundred) instead, so that each facet can leave out its own
 * dimension without a query per facet.
 *
 * With no filter but the endpoint, grouping in the order of the covering index
 * (endpoint_id, resource_type, action, result, kind) reads neither the table nor a
 * temp B-tree. Any other filter needs table columns; then `+col` stops SQLite from
 * walking that index for its order (a random table read per row, seconds at a million)
 * and lets it pick the index of the filter instead, so cost follows the matches.
 */
export function countFacets(filter: DeliveryFilter): FacetsResponse {
  const rest = withoutFacetDimensions(filter);
  const approximate = rest.q !== undefined && !isExactSearch(rest.q);
  const where = deliveryFilterSql(rest, "", { approximateSearch: approximate });
  const indexOrder = Object.entries(rest).every(
    ([name, value]) => name === "endpoint" || value === undefined,
  );
  const groupBy = GROUP_COLUMNS.map((column) => (indexOrder ? column : `+${column}`)).join(", ");
  const db = getDatabase();
  // One read transaction: the newest id is of the same snapshot the groups were counted in.
  const { groups, throughId } = db.transaction(() => ({
    groups: db
      .prepare(
        `SELECT resource_type, action, result, kind, count(*) AS n FROM deliveries
         WHERE ${where.sql} GROUP BY ${groupBy}`,
      )
      .all(where.params) as FacetGroup[],
    throughId: db.prepare("SELECT coalesce(max(id), 0) FROM deliveries").pluck().get() as number,
  }))();
  return {
    ...facetsFromGroups(groups, filter),
    total: totalFromGroups(groups, filter),
    approximate,
    through_id: throughId,
  };
}
