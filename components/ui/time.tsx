"use client";
import { useSyncExternalStore } from "react";
import { useBrowserSetting } from "@/lib/ui/browser-setting";
import {
  formatExactTime,
  formatRelativeTime,
  formatTime,
  type TimeZoneChoice,
} from "@/lib/ui/format-time";

export const TIME_ZONE_SETTING = "hooklens.time-zone";

/** The browser's choice of zone for every time shown: its own (default) or UTC. */
export function useTimeZone(): [TimeZoneChoice, (zone: TimeZoneChoice) => void] {
  const [value, set] = useBrowserSetting(TIME_ZONE_SETTING, "local");
  return [value === "utc" ? "utc" : "local", set];
}

/**
 * One clock for every relative time on the page (a feed shows hundreds), ticking every
 * 5 s. A lagging tick only makes a fresh delivery read "just now" a little longer.
 */
const clock = { now: Date.now(), listeners: new Set<() => void>(), timer: 0 as unknown };

function subscribeClock(listener: () => void) {
  clock.listeners.add(listener);
  if (clock.listeners.size === 1) {
    clock.now = Date.now();
    clock.timer = setInterval(() => {
      clock.now = Date.now();
      for (const notify of clock.listeners) notify();
    }, 5_000);
  }
  return () => {
    clock.listeners.delete(listener);
    if (clock.listeners.size === 0) clearInterval(clock.timer as ReturnType<typeof setInterval>);
  };
}

function RelativeTime({ iso, zone }: { iso: string; zone: TimeZoneChoice }) {
  const now = useSyncExternalStore(
    subscribeClock,
    () => clock.now,
    () => clock.now,
  );
  return (
    <time dateTime={iso} title={formatExactTime(iso, zone)}>
      {formatRelativeTime(iso, now)}
    </time>
  );
}

/** A time in the chosen zone (exact to the millisecond on hover); `relative`: "2 min ago". */
export function Time({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const [zone] = useTimeZone();
  if (relative) return <RelativeTime iso={iso} zone={zone} />;
  return (
    <time dateTime={iso} title={formatExactTime(iso, zone)}>
      {formatTime(iso, zone)}
    </time>
  );
}
