"use client";
import { useEffect, useRef } from "react";
import { typingInField } from "@/lib/ui/typing-in-field";
import { Button } from "@/components/ui/button";

/** Marks the page's main search box for the `/` shortcut. */
export const SEARCH_SHORTCUT = { "data-shortcut": "search" } as const;

const SHORTCUTS: Array<[keys: string[], what: string]> = [
  [["?"], "Show this list"],
  [["/"], "Focus the search box"],
  [["j", "k"], "Event feed: next / previous delivery"],
  [["Enter"], "Event feed: open the selected delivery"],
  [["Esc"], "Close this list, a menu or a dialog"],
];

/** `?` shows the keyboard shortcuts; `/` focuses the page's search box. */
export function KeyboardShortcuts() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typingInField(event) || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "?") {
        event.preventDefault();
        if (!dialog.current?.open) dialog.current?.showModal();
      } else if (event.key === "/") {
        const search = document.querySelector<HTMLElement>('[data-shortcut="search"]');
        if (search) {
          event.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-title"
      className="m-auto w-[min(28rem,92vw)] rounded-lg border border-slate-200 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-black/50"
      onClick={(event) => {
        if (event.target === dialog.current) dialog.current.close();
      }}
    >
      <div className="mb-3 flex items-center justify-between">
        <h2 id="shortcuts-title" className="font-semibold">
          Keyboard shortcuts
        </h2>
        <Button variant="ghost" onClick={() => dialog.current?.close()}>
          Close
        </Button>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what} className="contents">
            <dt className="flex gap-1">
              {keys.map((key) => (
                <kbd
                  key={key}
                  className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs"
                >
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-slate-700">{what}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}
