import { describe, expect, it } from "vitest";
import {
  bucketCount,
  bucketStarts,
  DAY_MS,
  defaultBucket,
  HOUR_MS,
  MINUTE_MS,
  planSegments,
  RAW_SPAN,
  spansFor,
} from "./time-buckets";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const show = (segments: ReturnType<typeof planSegments>) =>
  segments.map(
    (s) =>
      `${s.span === RAW_SPAN ? "raw" : s.span === HOUR_MS ? "hour" : "minute"} ${iso(s.from)} ${iso(s.to)}`,
  );

describe("planSegments", () => {
  it("serves whole hours from the hourly rollup, whole minutes around them, seconds raw", () => {
    const plan = planSegments(at("2026-01-01T10:15:30Z"), at("2026-01-02T09:40:10Z"), [
      HOUR_MS,
      MINUTE_MS,
    ]);
    expect(show(plan)).toEqual([
      "raw 2026-01-01T10:15:30.000Z 2026-01-01T10:16:00.000Z",
      "minute 2026-01-01T10:16:00.000Z 2026-01-01T11:00:00.000Z",
      "hour 2026-01-01T11:00:00.000Z 2026-01-02T09:00:00.000Z",
      "minute 2026-01-02T09:00:00.000Z 2026-01-02T09:40:00.000Z",
      "raw 2026-01-02T09:40:00.000Z 2026-01-02T09:40:10.000Z",
    ]);
  });

  it("covers the range exactly, without gaps or overlaps, for any edges", () => {
    const spansList = [[HOUR_MS, MINUTE_MS], [MINUTE_MS], [HOUR_MS], []];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 500; i++) {
      const since = at("2026-03-01T00:00:00Z") + (next() % (3 * DAY_MS));
      const until = since + (next() % (2 * DAY_MS));
      for (const spans of spansList) {
        const plan = planSegments(since, until, spans);
        let cursor = since;
        for (const segment of plan) {
          expect(segment.from).toBe(cursor);
          expect(segment.to).toBeGreaterThan(segment.from);
          if (segment.span !== RAW_SPAN) {
            expect(segment.from % segment.span).toBe(0);
            expect(segment.to % segment.span).toBe(0);
          }
          cursor = segment.to;
        }
        expect(cursor).toBe(until > since ? until : since);
      }
    }
  });

  it("reads the deliveries only for less than a minute at each edge", () => {
    const plan = planSegments(at("2026-01-01T10:15:30.250Z"), at("2026-01-01T20:00:59.999Z"), [
      HOUR_MS,
      MINUTE_MS,
    ]);
    for (const segment of plan.filter((s) => s.span === RAW_SPAN)) {
      expect(segment.to - segment.from).toBeLessThan(MINUTE_MS);
    }
  });

  it("uses the finer span when no whole coarse unit fits, and nothing for an empty range", () => {
    expect(
      show(
        planSegments(at("2026-01-01T10:10:00Z"), at("2026-01-01T10:50:00Z"), [HOUR_MS, MINUTE_MS]),
      ),
    ).toEqual(["minute 2026-01-01T10:10:00.000Z 2026-01-01T10:50:00.000Z"]);
    expect(
      show(
        planSegments(at("2026-01-01T10:10:05Z"), at("2026-01-01T10:10:55Z"), [HOUR_MS, MINUTE_MS]),
      ),
    ).toEqual(["raw 2026-01-01T10:10:05.000Z 2026-01-01T10:10:55.000Z"]);
    expect(planSegments(5, 5, [MINUTE_MS])).toEqual([]);
    expect(planSegments(9, 5, [MINUTE_MS])).toEqual([]);
  });
});

describe("buckets", () => {
  it("uses only spans that fit whole inside a bucket", () => {
    expect(spansFor(MINUTE_MS)).toEqual([MINUTE_MS]);
    expect(spansFor(HOUR_MS)).toEqual([HOUR_MS, MINUTE_MS]);
    expect(spansFor(DAY_MS)).toEqual([HOUR_MS, MINUTE_MS]);
  });

  it("lists every bucket overlapping the range, aligned to UTC", () => {
    const starts = bucketStarts(
      at("2026-01-01T10:15:30Z"),
      at("2026-01-01T13:00:00Z"),
      HOUR_MS,
    ).map(iso);
    expect(starts).toEqual([
      "2026-01-01T10:00:00.000Z",
      "2026-01-01T11:00:00.000Z",
      "2026-01-01T12:00:00.000Z",
    ]);
    expect(
      bucketStarts(at("2026-01-01T23:59:00Z"), at("2026-01-03T00:00:01Z"), DAY_MS).map(iso),
    ).toEqual(["2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"]);
    expect(bucketCount(at("2026-01-01T10:15:30Z"), at("2026-01-01T13:00:00Z"), HOUR_MS)).toBe(3);
    expect(bucketCount(at("2026-01-01T23:59:00Z"), at("2026-01-03T00:00:01Z"), DAY_MS)).toBe(3);
  });

  it("picks a bucket size that follows the range", () => {
    const now = at("2026-01-08T12:00:00Z");
    expect(defaultBucket(now - HOUR_MS, now)).toBe("minute");
    expect(defaultBucket(now - DAY_MS, now)).toBe("hour");
    expect(defaultBucket(now - 7 * DAY_MS, now)).toBe("day");
  });
});
