import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formatExactTime, formatRelativeTime, formatTime } from "./format-time";

describe("formatTime", () => {
  beforeEach(() => vi.stubEnv("TZ", "Asia/Shanghai"));
  afterEach(() => vi.unstubAllEnvs());

  it("writes UTC with its zone named", () => {
    expect(formatTime("2026-12-01T09:03:02.123Z", "utc")).toBe("2026-12-01 09:03:02 UTC");
  });

  it("writes the local zone without a suffix, the date rolling over with the offset", () => {
    expect(formatTime("2026-12-01T20:00:00.000Z", "local")).toBe("2026-12-02 04:00:00");
  });

  it("gives an unreadable value back as it came", () => {
    expect(formatTime("yesterday", "utc")).toBe("yesterday");
    expect(formatRelativeTime("yesterday", 0)).toBe("yesterday");
  });

  it("spells out milliseconds and the offset for the exact time", () => {
    expect(formatExactTime("2026-12-01T20:00:00.045Z", "local")).toBe(
      "2026-12-02 04:00:00.045 UTC+08:00",
    );
    expect(formatExactTime("2026-12-01T20:00:00.045Z", "utc")).toBe("2026-12-01 20:00:00.045 UTC");
  });
});

describe("formatRelativeTime", () => {
  const at = Date.parse("2026-12-01T12:00:00.000Z");
  const ago = (ms: number) => new Date(at - ms).toISOString();

  it("counts in the largest whole unit", () => {
    expect(formatRelativeTime(ago(400), at)).toBe("just now");
    expect(formatRelativeTime(ago(12_000), at)).toBe("12 s ago");
    expect(formatRelativeTime(ago(59_999), at)).toBe("59 s ago");
    expect(formatRelativeTime(ago(60_000), at)).toBe("1 min ago");
    expect(formatRelativeTime(ago(3 * 3600_000 + 5), at)).toBe("3 h ago");
    expect(formatRelativeTime(ago(49 * 3600_000), at)).toBe("2 d ago");
  });

  it("treats a time ahead of the clock (skew) as just now", () => {
    expect(formatRelativeTime(ago(-5_000), at)).toBe("just now");
  });
});
