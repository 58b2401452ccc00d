"use client";
import { FacetPickers } from "@/components/events/feed-filters";
import { withFilter, type FeedFilters } from "@/lib/events/feed-search-params";
import { useEndpointsQuery } from "@/lib/query/endpoints";
import { useFacetsQuery } from "@/lib/query/deliveries";

const field = "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** Which new deliveries a rule passes on: the feed's own pickers, with the feed's counts. */
export function RuleFilterFields({
  value,
  onChange,
}: {
  value: FeedFilters;
  onChange: (next: FeedFilters) => void;
}) {
  const facets = useFacetsQuery(value);
  const endpoints = useEndpointsQuery();
  return (
    <fieldset className="space-y-2">
      <legend className="text-xs font-medium text-slate-600">
        Deliveries to forward (the feed filter; nothing chosen matches every delivery)
      </legend>
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label="Filter endpoint"
          className={field}
          value={value.endpoint ?? ""}
          onChange={(event) => onChange(withFilter(value, "endpoint", event.target.value))}
        >
          <option value="">All endpoints</option>
          {(endpoints.data?.data ?? []).map((endpoint) => (
            <option key={endpoint.id} value={endpoint.id}>
              {endpoint.name}
            </option>
          ))}
        </select>
        <FacetPickers
          filters={value}
          facets={facets.data}
          onPick={(name, picked) => onChange(withFilter(value, name, picked))}
        />
        <input
          aria-label="Resource id"
          placeholder="Resource id"
          className={`${field} font-mono`}
          value={value.resource_id ?? ""}
          onChange={(event) => onChange(withFilter(value, "resource_id", event.target.value))}
        />
        {facets.data && (
          <span className="text-xs text-slate-500">{`${facets.data.total.toLocaleString()} stored deliveries match`}</span>
        )}
      </div>
    </fieldset>
  );
}
