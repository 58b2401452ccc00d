/**
 * How times read in the dashboard: the browser's own zone by default, UTC on request
 * (the platform logs in UTC). Written out by hand, not with toLocaleString, so that
 * every page and every browser shows the same shape (`2026-12-01 09:43:32`).
 */
export type TimeZoneChoice = "local" | "utc";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function formatTime(iso: string, zone: TimeZoneChoice = "local"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const utc = zone === "utc";
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  const month = utc ? date.getUTCMonth() : date.getMonth();
  const day = utc ? date.getUTCDate() : date.getDate();
  const hours = utc ? date.getUTCHours() : date.getHours();
  const minutes = utc ? date.getUTCMinutes() : date.getMinutes();
  const seconds = utc ? date.getUTCSeconds() : date.getSeconds();
  const text = `${year}-${pad(month + 1)}-${pad(day)} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  return utc ? `${text} UTC` : text;
}

/** The exact instant for a tooltip: milliseconds and the zone spelled out. */
export function formatExactTime(iso: string, zone: TimeZoneChoice = "local"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const ms = pad(zone === "utc" ? date.getUTCMilliseconds() : date.getMilliseconds(), 3);
  const base = formatTime(iso, "local");
  if (zone === "utc") return `${formatTime(iso, "utc").replace(" UTC", `.${ms} UTC`)}`;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return `${base}.${ms} UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const UNITS: Array<[limit: number, size: number, unit: string]> = [
  [60, 1, "s"],
  [3600, 60, "min"],
  [86_400, 3600, "h"],
  [Infinity, 86_400, "d"],
];

/** "12 s ago", "3 min ago", "5 h ago", "2 d ago"; "just now" under a second (or ahead). */
export function formatRelativeTime(iso: string, now: number): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.floor((now - then) / 1000);
  if (seconds < 1) return "just now";
  for (const [limit, size, unit] of UNITS) {
    if (seconds < limit) return `${Math.floor(seconds / size)} ${unit} ago`;
  }
  return iso;
}
