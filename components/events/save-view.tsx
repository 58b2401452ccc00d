"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { feedSearchString, type FeedFilters } from "@/lib/events/feed-search-params";
import { MAX_VIEW_NAME } from "@/lib/ui/saved-views";
import { useSavedViews } from "@/lib/ui/use-saved-views";

/** Names the feed's current filter; it is then in the menu's "Views". */
export function SaveView({ filters }: { filters: FeedFilters }) {
  const { save } = useSavedViews();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  if (!naming)
    return (
      <span className="flex items-center gap-2">
        <Button size="xs" onClick={() => setNaming(true)}>
          Save view
        </Button>
        {saved && (
          <span role="status" className="text-xs text-emerald-700">{`Saved “${saved}”`}</span>
        )}
      </span>
    );
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!name.trim()) return;
        save({ name, search: feedSearchString(filters) });
        setSaved(name.trim());
        setName("");
        setNaming(false);
      }}
    >
      <input
        aria-label="View name"
        autoFocus
        required
        maxLength={MAX_VIEW_NAME}
        value={name}
        onChange={(event) => setName(event.target.value)}
        placeholder="Name this filter"
        className="w-44 rounded border border-slate-300 bg-white px-2 py-1 text-sm"
      />
      <Button size="xs" variant="primary" type="submit">
        Save
      </Button>
      <Button size="xs" variant="ghost" onClick={() => setNaming(false)}>
        Cancel
      </Button>
    </form>
  );
}
