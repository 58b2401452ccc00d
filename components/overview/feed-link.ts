import { feedSearchString, type FeedFilters } from "@/lib/events/feed-search-params";
import { NO_VALUE, type GroupBy } from "@/lib/stats/stats-query";

/** The feed at /events filtered to exactly `filters` (the API's own filter names). */
export function feedHref(filters: FeedFilters): string {
  return `/events${feedSearchString(filters)}`;
}

/**
 * The feed filter for some values of a grouping, or null when no filter can name them:
 * an absent value (the feed filters by value, never by absence), or several endpoints.
 */
export function groupFilter(groupBy: GroupBy, values: string[]): FeedFilters | null {
  if (values.length === 0 || values.includes(NO_VALUE)) return null;
  if (groupBy === "endpoint") return values.length === 1 ? { endpoint: values[0] } : null;
  return { [groupBy]: values.join(",") };
}

/** A time span (and endpoint) as feed filters: since inclusive, until exclusive, ISO. */
export function spanFilter(start: number, end: number, endpoint: string | undefined): FeedFilters {
  return {
    since: new Date(start).toISOString(),
    until: new Date(end).toISOString(),
    ...(endpoint && { endpoint }),
  };
}
