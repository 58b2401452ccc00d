"use client";
import { useState, type ReactNode } from "react";
import { useResourceTypesQuery } from "@/lib/resources/resource-queries";
import { isoToLocal, localToIso, type ChangeSearch } from "./change-search-params";
import { Button } from "@/components/ui/button";

const INPUT = "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      {children}
    </label>
  );
}

/** The question, field by field; submitting puts it in the URL. */
export function ChangeSearchForm({
  search,
  onSearch,
}: {
  search: ChangeSearch;
  onSearch: (next: ChangeSearch) => void;
}) {
  const types = useResourceTypesQuery();
  const [draft, setDraft] = useState(search);
  const [seen, setSeen] = useState(search);
  if (seen !== search) {
    setSeen(search);
    setDraft(search);
  }
  const text = (name: keyof ChangeSearch, placeholder: string) => ({
    className: INPUT,
    placeholder,
    value: draft[name] ?? "",
    onChange: (e: { target: { value: string } }) =>
      setDraft({ ...draft, [name]: e.target.value || undefined }),
  });
  const time = (name: "since" | "until") => ({
    type: "datetime-local",
    className: INPUT,
    value: isoToLocal(draft[name]),
    onChange: (e: { target: { value: string } }) =>
      setDraft({ ...draft, [name]: localToIso(e.target.value) }),
  });
  const known = types.data?.data.map((type) => type.resource_type) ?? [];
  const typeOptions =
    draft.resource_type && !known.includes(draft.resource_type)
      ? [draft.resource_type, ...known]
      : known;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(draft);
      }}
    >
      <Field label="Resource type">
        <select {...text("resource_type", "")}>
          <option value="">Any type</option>
          {typeOptions.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Field">
        <input {...text("field", "status")} />
      </Field>
      <Field label="Became">
        <input {...text("to", "running (any value)")} />
      </Field>
      <Field label="Since">
        <input {...time("since")} />
      </Field>
      <Field label="Until">
        <input {...time("until")} />
      </Field>
      <Button variant="primary" type="submit">
        Find changes
      </Button>
    </form>
  );
}
