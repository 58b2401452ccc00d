/**
 * When a snapshot was taken, as far as the resource itself says: its `updated_at`.
 * The platform does not deliver events in order, so arrival order is no guide.
 */

const FRACTION = /\.(\d+)/;

/**
 * `updated_at` as microseconds since the epoch, or null when absent or unreadable.
 * The platform writes microseconds (`2024-05-01T10:00:00.123456Z`); Date.parse keeps
 * only milliseconds, which would call two updates in the same millisecond equal.
 */
export function snapshotTime(resourceDetails: Record<string, unknown>): number | null {
  const value = resourceDetails["updated_at"];
  if (typeof value !== "string" || value === "") return null;
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) return null;
  const digits = FRACTION.exec(value)?.[1];
  const subMillis = digits ? Number(digits.slice(3, 6).padEnd(3, "0")) : 0;
  return millis * 1000 + subMillis;
}

export type TimedSnapshot = { time: number; deliveryId: number; state: Record<string, unknown> };

/** Snapshots sorted by time; among equal times, in the order they arrived. */
export class SnapshotHistory {
  private readonly sorted: TimedSnapshot[] = [];
  private newest: number | null = null;

  /** True when a snapshot strictly newer than `time` has been seen. */
  isBehind(time: number): boolean {
    return this.newest !== null && time < this.newest;
  }

  /** The latest-arrived snapshot taken at or before `time`, if any. */
  before(time: number): TimedSnapshot | undefined {
    return this.sorted[this.upperBound(time) - 1];
  }

  add(snapshot: TimedSnapshot) {
    this.sorted.splice(this.upperBound(snapshot.time), 0, snapshot);
    if (this.newest === null || snapshot.time > this.newest) this.newest = snapshot.time;
  }

  /** The index of the first snapshot taken after `time`. */
  private upperBound(time: number): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sorted[middle]!.time <= time) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
