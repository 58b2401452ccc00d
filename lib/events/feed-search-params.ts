import { z } from "zod";
import { deliveryFilterSchema } from "./delivery-filter";

/** The feed filter's names: the /events URL and the API speak exactly these. */
export const FEED_FILTER_NAMES = [
  "endpoint",
  "kind",
  "resource_type",
  "action",
  "result",
  "signature",
  "duplicate",
  "q",
  "resource_id",
  "since",
  "until",
] as const satisfies ReadonlyArray<keyof typeof deliveryFilterSchema.shape>;

export type FeedFilterName = (typeof FEED_FILTER_NAMES)[number];

/** A feed filter as the URL and the API carry it: raw strings, only valid ones kept. */
export type FeedFilters = Partial<Record<FeedFilterName, string>>;

const LIST_NAMES = new Set<FeedFilterName>([
  "kind",
  "resource_type",
  "action",
  "result",
  "signature",
]);

/** List values are kept trimmed, without empties or repeats, so equal views get equal keys. */
function normalize(name: FeedFilterName, value: string): string {
  if (!LIST_NAMES.has(name)) return value.trim();
  return [
    ...new Set(
      value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ].join(",");
}

/**
 * Each field is accepted only when the API's own filter schema accepts it, and a bad
 * value falls back to "no filter" (.catch) instead of breaking the page: a hand-edited
 * or stale link still opens the feed.
 */
/** A search that does not parse stays in the URL as typed: the page shows the API's error
 *  (where it stopped) instead of silently dropping the text. */
const searchText = z.string().trim().min(1).max(500);

function accepts(name: FeedFilterName, value: string): boolean {
  if (name === "q") return searchText.safeParse(value).success;
  return deliveryFilterSchema.shape[name].safeParse(value).success;
}

const field = (name: FeedFilterName) =>
  z
    .string()
    .transform((value) => normalize(name, value))
    .refine((value) => value !== "" && accepts(name, value))
    .optional()
    .catch(undefined);

export const feedSearchSchema = z.object(
  Object.fromEntries(FEED_FILTER_NAMES.map((name) => [name, field(name)])) as Record<
    FeedFilterName,
    ReturnType<typeof field>
  >,
);

/** The feed filter in a URL's search params (or any string record), tolerant of junk. */
export function parseFeedSearchParams(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): FeedFilters {
  const entries: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const name of FEED_FILTER_NAMES) {
      const value = params.get(name);
      if (value !== null) entries[name] = value;
    }
  } else {
    for (const name of FEED_FILTER_NAMES) {
      const value = params[name];
      const text = Array.isArray(value) ? value[0] : value;
      if (text !== undefined) entries[name] = text;
    }
  }
  const parsed = feedSearchSchema.parse(entries);
  const filters: FeedFilters = {};
  for (const name of FEED_FILTER_NAMES) {
    const value = parsed[name];
    if (value !== undefined) filters[name] = value;
  }
  return filters;
}

/** The same filters as a query string, in a fixed order (stable URLs and cache keys). */
export function feedSearchString(filters: FeedFilters, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const name of FEED_FILTER_NAMES) {
    const value = filters[name];
    if (value) search.set(name, value);
  }
  for (const [name, value] of Object.entries(extra)) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Returns filters with one field set (or removed when empty). */
export function withFilter(
  filters: FeedFilters,
  name: FeedFilterName,
  value: string | undefined,
): FeedFilters {
  const next: FeedFilters = { ...filters };
  const normalized = value === undefined ? "" : normalize(name, value);
  if (normalized) next[name] = normalized;
  else delete next[name];
  return next;
}

/** The values of a comma-separated list filter. */
export function listValues(value: string | undefined): string[] {
  return value ? value.split(",").filter(Boolean) : [];
}
