import { facetGroups } from "../db/queries/deliveries";
import { isExactSearch } from "../search/search-query-sqlite";
import type { FacetsResponse } from "./delivery-types";
import type { DeliveryFilter } from "./delivery-filter";
import { facetsFromGroups, totalFromGroups, withoutFacetDimensions } from "./facet-counts";

/**
 * Counts by resource_type, action, result and kind for a feed filter, in one grouped
 * query (lib/db/queries/deliveries.ts, facetGroups): the facet dimensions stay out of the
 * WHERE clause and are applied to the grouped rows (a few hundred) instead, so that each
 * facet can leave out its own dimension without a query per facet.
 *
 * With no filter but the endpoint, grouping in the order of the covering index
 * (endpoint_id, resource_type, action, result, kind) reads neither the table nor a
 * temp B-tree; any other filter lets SQLite pick the index of the filter instead, so
 * cost follows the matches.
 */
export async function countFacets(filter: DeliveryFilter): Promise<FacetsResponse> {
  const rest = withoutFacetDimensions(filter);
  const approximate = rest.q !== undefined && !isExactSearch(rest.q);
  const indexOrder = Object.entries(rest).every(
    ([name, value]) => name === "endpoint" || value === undefined,
  );
  const { groups, throughId } = await facetGroups(rest, {
    indexOrder,
    approximateSearch: approximate,
  });
  return {
    ...facetsFromGroups(groups, filter),
    total: totalFromGroups(groups, filter),
    approximate,
    through_id: throughId,
  };
}
