/**
 * The platform's clock as its API prints it: RFC 3339 in UTC with microseconds
 * ("2026-11-20T08:00:00.000000Z"). The simulator's clock only moves forward.
 */
export function formatPlatformTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

export type SimulatedClock = {
  /** The current time, platform-formatted. */
  now(): string;
  nowMs(): number;
  advance(ms: number): void;
};

export function createClock(startMs: number): SimulatedClock {
  let current = startMs;
  return {
    now: () => formatPlatformTime(current),
    nowMs: () => current,
    advance(ms) {
      current += Math.max(1, Math.round(ms));
    },
  };
}
