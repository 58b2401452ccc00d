/**
 * The one key factory for TanStack Query. Call sites never spell keys by hand, so that
 * invalidation and live updates reach every view of the same data.
 */
/** Stored deliveries: lists, facets and one delivery's detail. */
export const deliveryKeys = {
  all: ["deliveries"] as const,
  lists: () => [...deliveryKeys.all, "list"] as const,
  list: (filters: Record<string, string>) => [...deliveryKeys.lists(), filters] as const,
  facets: (filters: Record<string, string>) => [...deliveryKeys.all, "facets", filters] as const,
  detail: (id: number) => [...deliveryKeys.all, "detail", id] as const,
};

/**
 * The /events feed: an infinite list that the live stream writes into and that is never
 * refetched behind its back (a refetch in flight would drop rows pushed meanwhile). A root
 * of its own, so that what refreshes delivery lists (the overview, on every arrival) or all
 * of deliveryKeys cannot reach it.
 */
export const feedKeys = {
  all: ["feed"] as const,
  list: (filters: Record<string, string>) => [...feedKeys.all, filters] as const,
};

export const endpointKeys = {
  all: ["endpoints"] as const,
  list: () => [...endpointKeys.all, "list"] as const,
  detail: (id: string) => [...endpointKeys.all, "detail", id] as const,
  statsList: () => [...endpointKeys.all, "stats"] as const,
  stats: (id: string) => [...endpointKeys.all, "stats", id] as const,
  preview: (input: Record<string, unknown>) => [...endpointKeys.all, "preview", input] as const,
  publicUrl: () => [...endpointKeys.all, "public-url"] as const,
};

export const resourceKeys = {
  all: ["resources"] as const,
  list: (filters: Record<string, string>) => [...resourceKeys.all, "list", filters] as const,
  detail: (type: string, id: string) => [...resourceKeys.all, "detail", type, id] as const,
  // Under detail, so that a new delivery about the resource refreshes them with it.
  timeline: (type: string, id: string) => [...resourceKeys.detail(type, id), "timeline"] as const,
  state: (type: string, id: string, at: number | null) =>
    [...resourceKeys.detail(type, id), "state", at] as const,
  compare: (type: string, id: string, from: number, to: number) =>
    [...resourceKeys.detail(type, id), "compare", from, to] as const,
  types: () => [...resourceKeys.all, "types"] as const,
  noiseFields: () => [...resourceKeys.all, "noise-fields"] as const,
  changes: (filters: Record<string, string>) => [...resourceKeys.all, "changes", filters] as const,
};

export const replayKeys = {
  all: ["replays"] as const,
  lists: () => [...replayKeys.all, "list"] as const,
  list: (filters: Record<string, string>) => [...replayKeys.lists(), filters] as const,
  forDelivery: (deliveryId: number) => [...replayKeys.all, "delivery", deliveryId] as const,
  detail: (id: number) => [...replayKeys.all, "detail", id] as const,
  bulks: () => [...replayKeys.all, "bulks"] as const,
  bulk: (id: number) => [...replayKeys.all, "bulk", id] as const,
  bulkResults: (id: number) => [...replayKeys.bulk(id), "results"] as const,
  /** What a bulk replay of a feed filter would send. */
  bulkCount: (filter: Record<string, string>) => [...replayKeys.all, "bulk-count", filter] as const,
  destinations: () => [...replayKeys.all, "destinations"] as const,
};

export const statsKeys = {
  all: ["stats"] as const,
  series: (filters: Record<string, string>) => [...statsKeys.all, "series", filters] as const,
  summary: (filters: Record<string, string>) => [...statsKeys.all, "summary", filters] as const,
  failures: (filters: Record<string, string>) => [...statsKeys.all, "failures", filters] as const,
  /** Prefix of every top-resources query: the costliest stats, refreshed less often. */
  topResourceLists: () => [...statsKeys.all, "top-resources"] as const,
  topResources: (filters: Record<string, string>) =>
    [...statsKeys.topResourceLists(), filters] as const,
  latestFailures: (filters: Record<string, string>) =>
    [...statsKeys.all, "latest-failures", filters] as const,
};

export const forwardKeys = {
  all: ["forwards"] as const,
  list: () => [...forwardKeys.all, "list"] as const,
  detail: (id: number) => [...forwardKeys.all, "detail", id] as const,
  // Under detail, so that a change to the rule refreshes them with it.
  attempts: (id: number) => [...forwardKeys.detail(id), "attempts"] as const,
  dead: (id: number) => [...forwardKeys.detail(id), "dead"] as const,
  forDelivery: (deliveryId: number) => [...forwardKeys.all, "delivery", deliveryId] as const,
  dryRun: (filter: Record<string, string>) => [...forwardKeys.all, "dry-run", filter] as const,
};

export const searchKeys = {
  all: ["search"] as const,
  fields: (prefix: string) => [...searchKeys.all, "fields", prefix] as const,
};
