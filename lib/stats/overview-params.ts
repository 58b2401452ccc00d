import { z } from "zod";
import { GROUP_BY, type GroupBy } from "./stats-query";
import { DAY_MS, HOUR_MS } from "./time-buckets";

/**
 * The overview's state in its URL: a rolling range (?range=1h|24h|7d, the default 24h)
 * or a custom one (?since=&until=, ISO 8601; until open means now), the grouping of the
 * chart and the endpoint. Bad values fall back to the defaults, so that an edited or
 * stale link still opens the page.
 */
export const RANGES = { "1h": HOUR_MS, "24h": DAY_MS, "7d": 7 * DAY_MS } as const;
export type RangeName = keyof typeof RANGES;

const isoTime = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)))
  .transform((value) => new Date(value).toISOString())
  .optional()
  .catch(undefined);

const schema = z.object({
  range: z.enum(["1h", "24h", "7d"]).optional().catch(undefined),
  since: isoTime,
  until: isoTime,
  group_by: z.enum(GROUP_BY).optional().catch(undefined),
  endpoint: z.string().min(1).optional().catch(undefined),
});

export type OverviewParams = {
  range: RangeName | "custom";
  since?: string;
  until?: string;
  groupBy: GroupBy;
  endpoint?: string;
};

export function parseOverviewParams(search: URLSearchParams): OverviewParams {
  const value = schema.parse(Object.fromEntries(search.entries()));
  const groupBy = value.group_by ?? "action";
  const endpoint = value.endpoint;
  if (value.since && (!value.until || value.since < value.until)) {
    return { range: "custom", since: value.since, until: value.until, groupBy, endpoint };
  }
  return { range: value.range ?? "24h", groupBy, endpoint };
}

/** The URL's query string for these params, leaving defaults out. */
export function overviewSearchString(params: OverviewParams): string {
  const search = new URLSearchParams();
  if (params.range === "custom") {
    if (params.since) search.set("since", params.since);
    if (params.until) search.set("until", params.until);
  } else if (params.range !== "24h") {
    search.set("range", params.range);
  }
  if (params.groupBy !== "action") search.set("group_by", params.groupBy);
  if (params.endpoint) search.set("endpoint", params.endpoint);
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The params as a flat record: what query keys and fetchers take. */
export function overviewFilters(params: OverviewParams): Record<string, string> {
  return {
    range: params.range,
    ...(params.since && { since: params.since }),
    ...(params.until && { until: params.until }),
    ...(params.endpoint && { endpoint: params.endpoint }),
  };
}

const isRangeName = (value: string | undefined): value is RangeName =>
  value !== undefined && value in RANGES;

/**
 * The API parameters for a flat record of overview filters: a rolling range ends now, at
 * the time of the request (so each refresh moves it), a custom one is as written.
 */
export function statsApiParams(
  filters: Record<string, string>,
  now: number,
): Record<string, string> {
  const { range, since, until, ...rest } = filters;
  if (isRangeName(range)) {
    return {
      ...rest,
      since: new Date(now - RANGES[range]).toISOString(),
      until: new Date(now).toISOString(),
    };
  }
  return { ...rest, ...(since && { since }), ...(until && { until }) };
}
