import type { BucketSize } from "@/lib/stats/time-buckets";

// Minutes and hours read in the browser's zone; days are UTC days (how they are counted),
// so they are named in UTC, or a bar would carry the previous date west of Greenwich.
const formats = {
  minute: new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }),
  hour: new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }),
  day: new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" }),
};
const long = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** The axis label of a bar starting at `start`. */
export function bucketLabel(start: number, bucket: BucketSize): string {
  return formats[bucket].format(start);
}

/** A bar's span in words, for tooltips and accessible names: "Nov 28, 13:00–14:00". */
export function spanLabel(start: number, end: number, bucket: BucketSize): string {
  if (bucket === "day") return `${formats.day.format(start)} (UTC)`;
  return `${long.format(start)}–${time.format(end)}`;
}

/** "1 delivery", "3 deliveries". */
export function deliveries(count: number): string {
  return `${count} ${count === 1 ? "delivery" : "deliveries"}`;
}
