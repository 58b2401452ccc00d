"use client";
import { POPOVER_PANEL } from "@/components/ui/popover";
import Link from "next/link";
import { useRef } from "react";
import { savedViewHref } from "@/lib/ui/saved-views";
import { useSavedViews } from "@/lib/ui/use-saved-views";
import { Button } from "@/components/ui/button";

/** The menu's "Views": every feed filter saved in this browser, one click away. */
export function SavedViewsMenu({ onOpen }: { onOpen?: () => void }) {
  const { views, remove } = useSavedViews();
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <details className="relative" ref={menu}>
      <summary className="cursor-pointer list-none rounded px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
        Views{views.length > 0 ? ` (${views.length})` : ""}
      </summary>
      <div className={`${POPOVER_PANEL} right-0 w-72 p-2 max-md:right-auto max-md:left-0`}>
        {views.length === 0 ? (
          <p className="p-2 text-sm text-slate-500">
            No saved views yet. Filter the event feed, then “Save view”.
          </p>
        ) : (
          <ul aria-label="Saved views" className="max-h-80 overflow-y-auto">
            {views.map((view) => (
              <li key={view.name} className="flex items-center gap-1">
                <Link
                  href={savedViewHref(view)}
                  className="min-w-0 flex-1 truncate rounded px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
                  onClick={() => {
                    if (menu.current) menu.current.open = false;
                    onOpen?.();
                  }}
                >
                  {view.name}
                </Link>
                <Button
                  variant="ghost"
                  size="xs"
                  aria-label={`Forget view ${view.name}`}
                  onClick={() => remove(view.name)}
                >
                  ✕
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
