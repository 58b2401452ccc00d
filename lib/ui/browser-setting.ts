"use client";
import { useCallback, useSyncExternalStore } from "react";

/**
 * A choice kept per browser in localStorage (theme, time zone, last tab, saved views).
 * Every component reading the same key sees a change at once, other tabs included
 * (the storage event). The server renders the fallback.
 */
const CHANGED = "hooklens:setting";

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

export function readBrowserSetting(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeBrowserSetting(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode, quota): the choice lasts this page only.
  }
  window.dispatchEvent(new Event(CHANGED));
}

/** The stored string, or `fallback` when unset; the setter stores (null removes). */
export function useBrowserSetting(
  key: string,
  fallback: string,
): [string, (value: string | null) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => readBrowserSetting(key) ?? fallback,
    () => fallback,
  );
  const set = useCallback((next: string | null) => writeBrowserSetting(key, next), [key]);
  return [value, set];
}
