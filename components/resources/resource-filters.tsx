"use client";
import { SEARCH_SHORTCUT } from "@/components/layout/keyboard-shortcuts";
import { useState } from "react";
import { useResourceTypesQuery } from "@/lib/resources/resource-queries";
import type { ResourceSearch } from "./resource-search-params";

const SELECT = "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** Search, type, deleted and order controls; every change is a new URL. */
export function ResourceFilters({
  search,
  onChange,
}: {
  search: ResourceSearch;
  onChange: (next: ResourceSearch) => void;
}) {
  const types = useResourceTypesQuery();
  const [text, setText] = useState(search.q ?? "");
  const [seen, setSeen] = useState(search.q);
  if (seen !== search.q) {
    // The URL changed elsewhere (back button): follow it.
    setSeen(search.q);
    setText(search.q ?? "");
  }
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...search, q: text.trim() || undefined });
      }}
    >
      <input
        type="search"
        {...SEARCH_SHORTCUT}
        aria-label="Search resources by name or id"
        placeholder="Name or id"
        value={text}
        maxLength={200}
        onChange={(event) => setText(event.target.value)}
        className="w-64 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm"
      />
      <select
        aria-label="Resource type"
        className={SELECT}
        value={search.resource_type ?? ""}
        onChange={(event) =>
          onChange({ ...search, resource_type: event.target.value || undefined })
        }
      >
        <option value="">All types</option>
        {search.resource_type &&
          !types.data?.data.some((t) => t.resource_type === search.resource_type) && (
            <option value={search.resource_type}>{search.resource_type}</option>
          )}
        {types.data?.data.map((type) => (
          <option key={type.resource_type} value={type.resource_type}>
            {`${type.resource_type} (${type.count})`}
          </option>
        ))}
      </select>
      <select
        aria-label="Deleted"
        className={SELECT}
        value={search.deleted ?? ""}
        onChange={(event) =>
          onChange({
            ...search,
            deleted: (event.target.value || undefined) as ResourceSearch["deleted"],
          })
        }
      >
        <option value="">Present and deleted</option>
        <option value="false">Present only</option>
        <option value="true">Deleted only</option>
      </select>
      {/* A raw button: a sort toggle that must look like the selects beside it. */}
      <button
        type="button"
        className={SELECT}
        onClick={() => onChange({ ...search, order: search.order === "asc" ? undefined : "asc" })}
        aria-label={`Sorted by last seen, ${search.order === "asc" ? "oldest" : "newest"} first`}
      >
        {`Last seen ${search.order === "asc" ? "↑ oldest first" : "↓ newest first"}`}
      </button>
    </form>
  );
}
