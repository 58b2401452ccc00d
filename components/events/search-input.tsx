"use client";
import { useEffect, useRef, useState } from "react";
import { SEARCH_SHORTCUT } from "@/components/layout/keyboard-shortcuts";

const DEBOUNCE_MS = 400;

/**
 * A text filter that commits after a pause in typing (or at once on Enter), and
 * follows the URL when it changes elsewhere (back button, "clear filters").
 */
export function SearchInput({
  label,
  value,
  placeholder,
  onCommit,
  className = "w-56",
  shortcut = false,
}: {
  label: string;
  value: string | undefined;
  placeholder: string;
  onCommit: (value: string) => void;
  className?: string;
  /** The page's main search: `/` focuses it. */
  shortcut?: boolean;
}) {
  const [text, setText] = useState(value ?? "");
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value ?? "");
  }
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  useEffect(() => {
    if (text.trim() === (value ?? "")) return;
    const timer = setTimeout(() => commit.current(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);

  return (
    <input
      type="search"
      {...(shortcut ? SEARCH_SHORTCUT : {})}
      aria-label={label}
      placeholder={placeholder}
      value={text}
      maxLength={200}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === "Enter") commit.current(text.trim());
      }}
      className={`rounded border border-slate-300 bg-white px-3 py-1.5 text-sm ${className}`}
    />
  );
}
