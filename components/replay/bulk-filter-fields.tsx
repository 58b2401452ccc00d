"use client";
import {
  FEED_FILTER_NAMES,
  type FeedFilterName,
  type FeedFilters,
} from "@/lib/events/feed-search-params";

const LABELS: Record<FeedFilterName, string> = {
  endpoint: "Endpoint id",
  kind: "Kind",
  resource_type: "Resource type",
  action: "Action",
  result: "Result",
  signature: "Signature",
  duplicate: "Duplicate (true/false)",
  q: "Text",
  resource_id: "Resource id",
  since: "Since (ISO time)",
  until: "Until (ISO time)",
};

/** The feed filter as fields, the same names as the /events URL. */
export function BulkFilterFields({
  value,
  onChange,
  onCommit,
}: {
  value: FeedFilters;
  onChange: (next: FeedFilters) => void;
  onCommit: () => void;
}) {
  return (
    <fieldset className="grid grid-cols-1 gap-2 sm:grid-cols-3">
      <legend className="mb-1 text-xs font-medium text-slate-600">
        Deliveries to replay (the feed filter; empty fields match everything)
      </legend>
      {FEED_FILTER_NAMES.map((name) => (
        <label key={name} className="text-xs text-slate-600">
          {LABELS[name]}
          <input
            name={name}
            value={value[name] ?? ""}
            onChange={(e) => onChange({ ...value, [name]: e.target.value })}
            onBlur={onCommit}
            className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm"
          />
        </label>
      ))}
    </fieldset>
  );
}
