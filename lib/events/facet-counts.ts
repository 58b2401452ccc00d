import type { DeliveryFilter } from "./delivery-filter";

/** The dimensions the feed's pickers offer, with counts. */
export const FACET_NAMES = ["resource_type", "action", "result", "kind"] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export type FacetValue = { value: string; count: number };
export type FacetCounts = Record<FacetName, FacetValue[]>;

/** One row of `GROUP BY resource_type, action, result, kind`. */
export type FacetGroup = Record<FacetName, string | null> & { n: number };

/** At most this many values per facet (the vocabulary is open, so it is unbounded). */
export const FACET_LIMIT = 100;

/**
 * Each facet counted over the filter without its own dimension, so that a picker with
 * "server" chosen still shows how many "host" there are to switch to; every other
 * dimension narrows it. Works on grouped rows (a few hundred), never on deliveries.
 */
export function facetsFromGroups(groups: FacetGroup[], filter: DeliveryFilter): FacetCounts {
  const chosen = (name: FacetName) => filter[name];
  const passes = (group: FacetGroup, except: FacetName) =>
    FACET_NAMES.every((name) => {
      const values = chosen(name);
      if (name === except || !values?.length) return true;
      const value = group[name];
      return value !== null && values.includes(value);
    });

  const result = {} as FacetCounts;
  for (const facet of FACET_NAMES) {
    const counts = new Map<string, number>();
    for (const group of groups) {
      const value = group[facet];
      if (value === null || !passes(group, facet)) continue;
      counts.set(value, (counts.get(value) ?? 0) + group.n);
    }
    result[facet] = [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, FACET_LIMIT);
  }
  return result;
}

/** The filter with the facet dimensions removed: the SQL part every facet shares. */
export function withoutFacetDimensions(filter: DeliveryFilter): DeliveryFilter {
  const rest = { ...filter };
  for (const name of FACET_NAMES) delete rest[name];
  return rest;
}

/** How many deliveries match the whole filter (every facet dimension applied). */
export function totalFromGroups(groups: FacetGroup[], filter: DeliveryFilter): number {
  return groups
    .filter((group) =>
      FACET_NAMES.every((name) => {
        const values = filter[name];
        const value = group[name];
        return !values?.length || (value !== null && values.includes(value));
      }),
    )
    .reduce((sum, group) => sum + group.n, 0);
}
