"use client";
import { POPOVER_PANEL } from "@/components/ui/popover";
import { useState } from "react";
import { useTimeZone } from "@/components/ui/time";
import type { TimeZoneChoice } from "@/lib/ui/format-time";
import { themeCookie, type ThemeChoice } from "@/lib/ui/theme";

function applyTheme(choice: ThemeChoice) {
  document.cookie = themeCookie(choice);
  if (choice === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

const THEMES: Array<[ThemeChoice, string]> = [
  ["system", "System"],
  ["light", "Light"],
  ["dark", "Dark"],
];
const ZONES: Array<[TimeZoneChoice, string]> = [
  ["local", "This browser's zone"],
  ["utc", "UTC"],
];

function Choice<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: Array<[T, string]>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-xs font-semibold text-slate-500 uppercase">{legend}</legend>
      <div className="flex gap-1">
        {options.map(([option, label]) => (
          <label
            key={option}
            className={`cursor-pointer rounded border px-2 py-1 text-xs ${value === option ? "border-indigo-500 bg-indigo-50 text-indigo-800" : "border-slate-300 text-slate-700 hover:bg-slate-100"}`}
          >
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
              className="sr-only"
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The theme (system, light, dark) and the zone times are shown in, per browser. */
export function DisplayMenu({ initialTheme }: { initialTheme: ThemeChoice }) {
  const [theme, setTheme] = useState(initialTheme);
  const [zone, setZone] = useTimeZone();
  const chooseTheme = (choice: ThemeChoice) => {
    setTheme(choice);
    applyTheme(choice);
  };
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
        Display
      </summary>
      <div
        className={`${POPOVER_PANEL} right-0 w-64 space-y-3 p-3 max-md:right-auto max-md:left-0`}
      >
        <Choice legend="Theme" name="theme" options={THEMES} value={theme} onChange={chooseTheme} />
        <Choice legend="Times" name="time-zone" options={ZONES} value={zone} onChange={setZone} />
        <p className="text-xs text-slate-500">
          Press <kbd className="rounded border border-slate-300 px-1">?</kbd> for keyboard
          shortcuts.
        </p>
      </div>
    </details>
  );
}
