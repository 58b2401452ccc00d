"use client";
import { Button } from "@/components/ui/button";

const PRESETS = [
  ["15m", 15 * 60_000],
  ["1h", 60 * 60_000],
  ["24h", 24 * 60 * 60_000],
  ["7d", 7 * 24 * 60 * 60_000],
] as const;

/** ISO time as a datetime-local value in the browser's zone ("" when unset). */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string | undefined {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** since/until as absolute times in the URL, so a shared link shows the same window. */
export function TimeRange({
  since,
  until,
  onChange,
}: {
  since: string | undefined;
  until: string | undefined;
  onChange: (range: { since: string | undefined; until: string | undefined }) => void;
}) {
  const input = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Time range">
      <label className="flex items-center gap-1 text-slate-600">
        From
        <input
          type="datetime-local"
          aria-label="Since"
          className={input}
          value={toLocalInput(since)}
          onChange={(e) => onChange({ since: fromLocalInput(e.target.value), until })}
        />
      </label>
      <label className="flex items-center gap-1 text-slate-600">
        to
        <input
          type="datetime-local"
          aria-label="Until"
          className={input}
          value={toLocalInput(until)}
          onChange={(e) => onChange({ since, until: fromLocalInput(e.target.value) })}
        />
      </label>
      {PRESETS.map(([label, ms]) => (
        <Button
          variant="ghost"
          size="xs"
          key={label}
          onClick={() =>
            onChange({ since: new Date(Date.now() - ms).toISOString(), until: undefined })
          }
        >
          {`last ${label}`}
        </Button>
      ))}
      {(since || until) && (
        <Button
          variant="ghost"
          size="xs"
          onClick={() => onChange({ since: undefined, until: undefined })}
        >
          any time
        </Button>
      )}
    </div>
  );
}
