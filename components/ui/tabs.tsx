"use client";
import { useId, type ReactNode } from "react";
import { useBrowserSetting } from "@/lib/ui/browser-setting";

export type Tab = { id: string; label: string; content: ReactNode };

/**
 * Tabs that remember the last one chosen (per browser, under `storageKey`), falling back
 * to the first when the remembered one is not offered here. Arrow keys move between them.
 */
export function RememberedTabs({
  tabs,
  storageKey,
  label,
}: {
  tabs: Tab[];
  storageKey: string;
  label: string;
}) {
  const [stored, setStored] = useBrowserSetting(storageKey, "");
  const baseId = useId();
  const active = tabs.find((tab) => tab.id === stored) ?? tabs[0];
  if (!active) return null;
  const move = (delta: number) => {
    const at = tabs.indexOf(active);
    const next = tabs[(at + delta + tabs.length) % tabs.length];
    if (next) {
      setStored(next.id);
      document.getElementById(`${baseId}-tab-${next.id}`)?.focus();
    }
  };
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <div
        role="tablist"
        aria-label={label}
        className="flex flex-wrap gap-x-1 border-b border-slate-200 px-2"
        onKeyDown={(event) => {
          if (event.key === "ArrowRight") move(1);
          if (event.key === "ArrowLeft") move(-1);
        }}
      >
        {tabs.map((tab) => {
          const selected = tab.id === active.id;
          // A raw button: a tab (role=tab, underlined when selected), not an action.
          return (
            <button
              key={tab.id}
              id={`${baseId}-tab-${tab.id}`}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls={`${baseId}-panel`}
              tabIndex={selected ? 0 : -1}
              onClick={() => setStored(tab.id)}
              className={`-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap ${selected ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div
        id={`${baseId}-panel`}
        role="tabpanel"
        aria-labelledby={`${baseId}-tab-${active.id}`}
        className="p-4"
      >
        {active.content}
      </div>
    </div>
  );
}
