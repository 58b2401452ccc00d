import type { GroupBy, StatsSeriesQuery } from "./stats-query";

/**
 * The stats API's answers (snake_case, as on the wire), shared by its readers and the
 * overview. Pure; the request schemas are in stats-query.ts.
 */

export type StatsBucket = { t: string; counts: Record<string, number> };

/** The answer of GET /api/stats: every bucket of the range (empty ones too) and totals. */
export type DeliveryStats = {
  since: string;
  until: string;
  bucket: StatsSeriesQuery["bucket"];
  group_by: GroupBy;
  buckets: StatsBucket[];
  totals: Record<string, number>;
};

export type FailureCounts = {
  total: number;
  failed: number;
  invalid_signature: number;
  unparsed: number;
  /** Deliveries that are any of the three (one delivery can be several). */
  failures: number;
};

export type FailureStats = {
  since: string;
  until: string;
  bucket: StatsSeriesQuery["bucket"];
  buckets: Array<{ t: string } & FailureCounts>;
  totals: FailureCounts;
};

export type TopResource = {
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  deliveries: number;
  /** Deliveries of this resource whose result is failed. */
  failures: number;
};

/** GET /api/stats/top-resources. */
export type TopResourcesBody = { since: string; until: string; data: TopResource[] };
