"use client";
import { useMemo } from "react";
import { useBrowserSetting } from "./browser-setting";
import {
  addSavedView,
  parseSavedViews,
  removeSavedView,
  SAVED_VIEWS_SETTING,
  type SavedView,
} from "./saved-views";

/** The named feed filters kept in this browser, with add (same name replaces) and remove. */
export function useSavedViews() {
  const [text, setText] = useBrowserSetting(SAVED_VIEWS_SETTING, "");
  const views = useMemo(() => parseSavedViews(text), [text]);
  return {
    views,
    save: (view: SavedView) => setText(JSON.stringify(addSavedView(views, view))),
    remove: (name: string) => setText(JSON.stringify(removeSavedView(views, name))),
  };
}
