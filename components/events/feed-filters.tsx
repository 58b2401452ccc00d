"use client";
import {
  listValues,
  withFilter,
  type FeedFilterName,
  type FeedFilters,
} from "@/lib/events/feed-search-params";
import type { FacetName } from "@/lib/events/facet-counts";
import { useEndpointsQuery } from "@/lib/query/endpoints";
import { useFacetsQuery } from "@/lib/query/deliveries";
import { liveTotal } from "@/lib/query/feed-live-count";
import { FacetPicker } from "./facet-picker";
import { PayloadSearch } from "./payload-search";
import { SaveView } from "./save-view";
import { SearchInput } from "./search-input";
import { TimeRange } from "./time-range";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

type Change = (next: FeedFilters, mode?: "push" | "replace") => void;

export const FACETS: Array<[FacetName, string]> = [
  ["resource_type", "Resource type"],
  ["action", "Action"],
  ["result", "Result"],
  ["kind", "Kind"],
];

/** The feed's facet pickers and the signature picker, each with the counts for the filter. */
export function FacetPickers({
  filters,
  facets,
  onPick,
}: {
  filters: FeedFilters;
  facets: ReturnType<typeof useFacetsQuery>["data"];
  onPick: (name: FeedFilterName, value: string) => void;
}) {
  return (
    <>
      {FACETS.map(([name, label]) => (
        <FacetPicker
          key={name}
          name={name}
          label={label}
          values={facets?.[name] ?? []}
          chosen={listValues(filters[name])}
          onChange={(chosen) => onPick(name, chosen.join(","))}
        />
      ))}
      <FacetPicker
        name="signature"
        label="Signature"
        values={["valid", "invalid", "unsigned"]}
        chosen={listValues(filters.signature)}
        onChange={(chosen) => onPick("signature", chosen.join(","))}
      />
    </>
  );
}

const select = "max-w-56 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

function EndpointSelect({ filters, onChange }: { filters: FeedFilters; onChange: Change }) {
  const endpoints = useEndpointsQuery();
  const list = endpoints.data?.data ?? [];
  return (
    <select
      aria-label="Endpoint"
      className={select}
      value={filters.endpoint ?? ""}
      disabled={endpoints.isPending}
      onChange={(event) => onChange(withFilter(filters, "endpoint", event.target.value))}
    >
      <option value="">{endpoints.isError ? "Endpoints unavailable" : "All endpoints"}</option>
      {filters.endpoint && !list.some((endpoint) => endpoint.id === filters.endpoint) && (
        <option value={filters.endpoint}>{filters.endpoint}</option>
      )}
      {list.map((endpoint) => (
        <option key={endpoint.id} value={endpoint.id}>
          {endpoint.name}
        </option>
      ))}
    </select>
  );
}

/**
 * Every feed filter, each written to the URL under the API's own name. `arrivedIds`: what
 * the live stream pushed since the last count, for a total that follows it. Elsewhere
 * (the bulk replay form) the bar picks a filter only: no total, no saved view.
 */
export function FeedFilterBar({
  filters,
  onChange,
  arrivedIds = [],
  pickerOnly = false,
}: {
  filters: FeedFilters;
  onChange: Change;
  arrivedIds?: readonly number[];
  pickerOnly?: boolean;
}) {
  const facets = useFacetsQuery(filters);
  const set = (name: FeedFilterName, value: string | undefined, mode?: "push" | "replace") =>
    onChange(withFilter(filters, name, value), mode);
  const active = Object.keys(filters).length > 0;

  return (
    <Card className="space-y-2 p-3" padded={false} aria-label="Filters">
      <div className="flex flex-wrap items-center gap-2">
        <EndpointSelect filters={filters} onChange={onChange} />
        <FacetPickers
          filters={filters}
          facets={facets.data}
          onPick={(name, value) => set(name, value)}
        />
        <select
          aria-label="Duplicates"
          className={select}
          value={filters.duplicate ?? ""}
          onChange={(event) => set("duplicate", event.target.value)}
        >
          <option value="">With duplicates</option>
          <option value="false">Originals only</option>
          <option value="true">Duplicates only</option>
        </select>
        {facets.isError && <span className="text-xs text-red-700">Counts unavailable</span>}
        {facets.data && !pickerOnly && (
          <span className="text-xs text-slate-500" data-testid="match-count">
            {`${facets.data.approximate ? "about " : ""}${liveTotal(facets.data, arrivedIds).toLocaleString()} matching`}
          </span>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <PayloadSearch value={filters.q} onCommit={(value) => set("q", value, "replace")} />
        <SearchInput
          label="Resource id"
          placeholder="Exact resource id"
          value={filters.resource_id}
          onCommit={(value) => set("resource_id", value, "replace")}
        />
        <TimeRange
          since={filters.since}
          until={filters.until}
          onChange={(range) =>
            onChange(withFilter(withFilter(filters, "since", range.since), "until", range.until))
          }
        />
        {!pickerOnly && <SaveView filters={filters} />}
        {active && (
          <Button variant="link" className="ml-auto text-sm" onClick={() => onChange({})}>
            Clear all filters
          </Button>
        )}
      </div>
    </Card>
  );
}
