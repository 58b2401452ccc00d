import { z } from "zod";
import { deliveryFilterSchema } from "../events/delivery-filter";
import { BUCKET_MS, bucketCount, DAY_MS, defaultBucket, type BucketSize } from "./time-buckets";

/** What the overview can split deliveries by; each is a filter name of the feed too. */
export const GROUP_BY = [
  "action",
  "resource_type",
  "result",
  "kind",
  "signature",
  "endpoint",
] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** The key that stands for an absent value (a validation message has no action). */
export const NO_VALUE = "(none)";

export const MAX_BUCKETS = 1_500;

/** What counts as a failure, each a feed filter of its own (result, signature, kind). */
export const FAILURE_FILTERS = {
  failed: { result: "failed" },
  invalid_signature: { signature: "invalid" },
  unparsed: { kind: "unparsed" },
} as const;

/** since, until (ISO 8601, the feed's own parser) and endpoint, as the feed takes them. */
const rangeFields = deliveryFilterSchema.pick({ endpoint: true, since: true, until: true });

type StatsRange = { since: number; until: number; endpoint?: string };

/** until defaults to now and since to a day before it; since must come first. */
function resolveRange<T extends { since?: number; until?: number }>(value: T): T & StatsRange {
  const until = value.until ?? Date.now();
  return { ...value, until, since: value.since ?? until - DAY_MS };
}

function sinceBeforeUntil(value: StatsRange, ctx: z.RefinementCtx) {
  if (value.since >= value.until) {
    ctx.addIssue({ code: "custom", path: ["since"], message: "must be before until" });
  }
}

export const statsSeriesSchema = rangeFields
  .extend({
    bucket: z.enum(["minute", "hour", "day"]).optional(),
    group_by: z.enum(GROUP_BY).default("action"),
  })
  .transform(resolveRange)
  .superRefine(sinceBeforeUntil)
  .transform((value) => {
    const bucket: BucketSize = value.bucket ?? defaultBucket(value.since, value.until);
    return { ...value, bucket, bucketMs: BUCKET_MS[bucket] };
  })
  .superRefine((value, ctx) => {
    if (bucketCount(value.since, value.until, value.bucketMs) > MAX_BUCKETS) {
      ctx.addIssue({
        code: "custom",
        path: ["bucket"],
        message: `more than ${MAX_BUCKETS} buckets: pick a larger bucket`,
      });
    }
  });

export type StatsSeriesQuery = z.output<typeof statsSeriesSchema>;

const limit = z.coerce.number().int().min(1).max(100).default(10);

export const topResourcesSchema = rangeFields
  .extend({ by: z.enum(["deliveries", "failures"]).default("deliveries"), limit })
  .transform(resolveRange)
  .superRefine(sinceBeforeUntil);

export type TopResourcesQuery = z.output<typeof topResourcesSchema>;

export const latestFailuresSchema = rangeFields
  .extend({ limit })
  .transform(resolveRange)
  .superRefine(sinceBeforeUntil);

export type LatestFailuresQuery = z.output<typeof latestFailuresSchema>;
