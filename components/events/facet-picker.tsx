"use client";
import { POPOVER_PANEL } from "@/components/ui/popover";
import { useEffect, useRef, useState } from "react";
import type { FacetValue } from "@/lib/events/facet-counts";
import { Button } from "@/components/ui/button";

/**
 * A multi-select of the values actually present, each with its count for the current
 * filter. Chosen values stay listed even when nothing matches them any more.
 */
export function FacetPicker({
  label,
  name,
  values,
  chosen,
  onChange,
}: {
  label: string;
  name: string;
  values: FacetValue[] | string[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const [search, setSearch] = useState("");
  useEffect(() => {
    const close = (event: PointerEvent) => {
      if (details.current?.open && !details.current.contains(event.target as Node))
        details.current.open = false;
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, []);

  const options = values.map((value) =>
    typeof value === "string" ? { value, count: null } : value,
  );
  for (const value of chosen) {
    if (!options.some((option) => option.value === value)) options.push({ value, count: 0 });
  }
  const shown = search
    ? options.filter((option) => option.value.includes(search.toLowerCase()))
    : options;
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...chosen, value] : chosen.filter((item) => item !== value));

  return (
    <details ref={details} className="relative" data-testid={`facet-${name}`}>
      <summary
        className={`cursor-pointer list-none rounded border px-3 py-1.5 text-sm ${chosen.length ? "border-indigo-300 bg-indigo-50 text-indigo-800" : "border-slate-300 bg-white text-slate-700"}`}
      >
        {label}
        {chosen.length > 0 && <span className="font-medium">{`: ${chosen.join(", ")}`}</span>} ▾
      </summary>
      <div
        role="group"
        aria-label={label}
        className={`${POPOVER_PANEL} max-h-80 w-64 overflow-auto p-2`}
      >
        {options.length > 10 && (
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={`Find ${label.toLowerCase()}`}
            aria-label={`Find ${label.toLowerCase()}`}
            className="mb-2 w-full rounded border border-slate-300 px-2 py-1 text-sm"
          />
        )}
        {shown.length === 0 && (
          <p className="px-1 text-sm text-slate-500">No values for this filter.</p>
        )}
        {shown.map((option) => (
          <label
            key={option.value}
            className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50"
          >
            <input
              type="checkbox"
              aria-label={option.value}
              checked={chosen.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <span className="flex-1 truncate font-mono text-xs">{option.value}</span>
            {option.count !== null && (
              <span className="text-xs text-slate-500 tabular-nums">
                {option.count.toLocaleString()}
              </span>
            )}
          </label>
        ))}
        {chosen.length > 0 && (
          <Button
            variant="link"
            className="mt-1 w-full text-left text-xs"
            onClick={() => onChange([])}
          >
            Clear {label.toLowerCase()}
          </Button>
        )}
      </div>
    </details>
  );
}
