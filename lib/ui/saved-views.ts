import { z } from "zod";

/** A named feed filter: its name and the /events query string it opens. */
export type SavedView = { name: string; search: string };

export const SAVED_VIEWS_SETTING = "hooklens.saved-views";
export const MAX_SAVED_VIEWS = 30;
export const MAX_VIEW_NAME = 60;

const savedViewsSchema = z.array(
  z.object({
    name: z.string().min(1).max(MAX_VIEW_NAME),
    search: z.string().max(4000),
  }),
);

/** What localStorage holds, read without trusting it: anything unreadable is no views. */
export function parseSavedViews(text: string | null): SavedView[] {
  if (!text) return [];
  try {
    const parsed = savedViewsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.filter((view) => isFeedSearch(view.search)) : [];
  } catch {
    return [];
  }
}

/** Only the feed's own query strings are kept: a saved view never opens another page. */
function isFeedSearch(search: string): boolean {
  return search === "" || /^\?[^#]*$/.test(search);
}

/** Adds a view (a view of the same name is replaced, in place), newest last, capped. */
export function addSavedView(views: SavedView[], view: SavedView): SavedView[] {
  const name = view.name.trim().slice(0, MAX_VIEW_NAME);
  if (!name || !isFeedSearch(view.search)) return views;
  const at = views.findIndex((item) => item.name === name);
  if (at >= 0) return views.map((item, i) => (i === at ? { name, search: view.search } : item));
  return [...views, { name, search: view.search }].slice(-MAX_SAVED_VIEWS);
}

export function removeSavedView(views: SavedView[], name: string): SavedView[] {
  return views.filter((view) => view.name !== name);
}

export function savedViewHref(view: SavedView): string {
  return `/events${view.search}`;
}
