"use client";
import { useId, useState } from "react";
import { useDestinationsQuery, useSaveDestinationMutation } from "@/lib/query/replays";
import { Button } from "@/components/ui/button";

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

function DestinationSelect({ onPick }: { onPick: (url: string) => void }) {
  const destinations = useDestinationsQuery();
  const id = useId();
  const items = destinations.data?.data ?? [];
  const placeholder = destinations.isPending
    ? "Loading…"
    : destinations.isError
      ? "Could not load destinations"
      : items.length === 0
        ? "No saved destinations"
        : "Pick a saved destination…";
  return (
    <span className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Saved destination
      </label>
      <select
        id={id}
        value=""
        onChange={(e) => e.target.value && onPick(e.target.value)}
        disabled={items.length === 0}
        className={input}
      >
        <option value="">{placeholder}</option>
        {items.map((item) => (
          <option key={item.id} value={item.url}>{`${item.name} — ${item.url}`}</option>
        ))}
      </select>
    </span>
  );
}

function SaveDestination({ url }: { url: string }) {
  const save = useSaveDestinationMutation();
  const [name, setName] = useState("");
  return (
    <span className="flex flex-wrap items-center gap-2">
      <input
        aria-label="Destination name"
        placeholder="Name to save it as"
        value={name}
        onChange={(e) => setName(e.target.value)}
        className={input}
      />
      <Button
        size="xs"
        disabled={!url || !name.trim() || save.isPending}
        onClick={() => save.mutate({ name: name.trim(), url }, { onSuccess: () => setName("") })}
      >
        Save destination
      </Button>
      {save.isError && (
        <span className="text-xs text-red-700" role="alert">
          {save.error.message}
        </span>
      )}
      {save.isSuccess && <span className="text-xs text-emerald-700">Saved</span>}
    </span>
  );
}

/** The target URL: typed, or picked from saved destinations; the typed one can be saved. */
export function TargetInput({
  value,
  onChange,
}: {
  value: string;
  onChange: (url: string) => void;
}) {
  const id = useId();
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        Target URL
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          type="url"
          required
          value={value}
          placeholder="http://127.0.0.1:8080/webhook"
          onChange={(e) => onChange(e.target.value)}
          className={`${input} min-w-80 flex-1 font-mono`}
        />
        <DestinationSelect onPick={onChange} />
      </div>
      <SaveDestination url={value} />
    </div>
  );
}
