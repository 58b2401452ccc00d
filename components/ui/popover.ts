/**
 * The panel under a <details> menu. Closed, it takes no room (Chrome lays out a closed
 * details' content, which made phones scroll sideways); on a phone it spans the screen
 * under its button instead of running past the right edge.
 */
export const POPOVER_PANEL =
  "absolute z-40 mt-1 rounded-lg border border-slate-200 bg-white shadow-lg [details:not([open])_&]:hidden max-sm:fixed max-sm:inset-x-4 max-sm:w-auto";
