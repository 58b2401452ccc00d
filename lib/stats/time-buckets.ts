/**
 * Pure time arithmetic for stats: which stored granularity serves which part of a range,
 * and the buckets a range is cut into. Times are Unix ms; buckets are aligned to UTC
 * (a day starts at 00:00 UTC), which `t - t % size` gives for any time after 1970.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const BUCKET_MS = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS } as const;
export type BucketSize = keyof typeof BUCKET_MS;

/** Where a segment's counts come from: an hourly or per-minute rollup, or the deliveries. */
export type Segment = { span: number; from: number; to: number };
/** Span of a segment counted from the deliveries table itself. */
export const RAW_SPAN = 0;

const floorTo = (time: number, size: number) => time - (((time % size) + size) % size);
const ceilTo = (time: number, size: number) => floorTo(time + size - 1, size);

/**
 * Cuts [since, until) into segments, each served by the coarsest rollup span that fits
 * whole inside it: whole hours from the hourly rollup, the whole minutes around them
 * from the per-minute one, and the seconds at either edge from the deliveries. So a
 * range is counted exactly, whatever its edges, while reading few rows.
 */
export function planSegments(since: number, until: number, spans: readonly number[]): Segment[] {
  if (since >= until) return [];
  const [span, ...finer] = spans;
  if (span === undefined) return [{ span: RAW_SPAN, from: since, to: until }];
  const start = ceilTo(since, span);
  const end = floorTo(until, span);
  if (start >= end) return planSegments(since, until, finer);
  return [
    ...planSegments(since, start, finer),
    { span, from: start, to: end },
    ...planSegments(end, until, finer),
  ];
}

/** The rollup spans that fit inside one bucket of this size, coarsest first. */
export function spansFor(bucketMs: number): number[] {
  return [HOUR_MS, MINUTE_MS].filter((span) => span <= bucketMs && bucketMs % span === 0);
}

/** The start of every bucket that overlaps [since, until). */
export function bucketStarts(since: number, until: number, bucketMs: number): number[] {
  const starts: number[] = [];
  for (let t = floorTo(since, bucketMs); t < until; t += bucketMs) starts.push(t);
  return starts;
}

/** How many buckets [since, until) spans at this size. */
export function bucketCount(since: number, until: number, bucketMs: number): number {
  return Math.max(0, Math.ceil((until - floorTo(since, bucketMs)) / bucketMs));
}

/** The bucket size a range gets when none is asked for: about 25 to 180 bars. */
export function defaultBucket(since: number, until: number): BucketSize {
  const span = until - since;
  if (span <= 3 * HOUR_MS) return "minute";
  if (span <= 4 * DAY_MS) return "hour";
  return "day";
}
