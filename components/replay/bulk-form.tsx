"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FeedFilterBar } from "@/components/events/feed-filters";
import { Button } from "@/components/ui/button";
import { feedSearchString, type FeedFilters } from "@/lib/events/feed-search-params";
import { useEndpointsQuery } from "@/lib/query/endpoints";
import { filterParams } from "@/lib/query/deliveries";
import {
  useBulkCountQuery,
  useStartBulkMutation,
  type BulkRequestInput,
} from "@/lib/query/bulk-replays";
import { acceptsInput, bulkInputSchema } from "@/lib/replay/replay-input";
import { TargetInput } from "./target-input";

const field = "mt-0.5 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/** What the filter picks, counted as it changes (no target needed), with the way to see it. */
function BulkCount({
  filter,
  count,
}: {
  filter: FeedFilters;
  count: ReturnType<typeof useBulkCountQuery>;
}) {
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      {count.data ? (
        <span data-testid="bulk-count" aria-live="polite">
          {count.data.total === 0
            ? "No delivery matches this filter."
            : `${count.data.total.toLocaleString()} ${count.data.total === 1 ? "delivery matches" : "deliveries match"}, oldest first.`}
        </span>
      ) : count.error ? (
        <span className="text-red-700" role="alert">{`Cannot count: ${count.error.message}`}</span>
      ) : (
        <span className="text-slate-500">Counting…</span>
      )}
      <Link
        href={`/events${feedSearchString(filter)}`}
        className="text-xs text-indigo-700 hover:underline"
      >
        See them in the feed →
      </Link>
    </p>
  );
}

/**
 * Replays every delivery matching a feed filter, picked with the feed's own filter bar;
 * the count follows the filter, and the filter is kept in the URL (/replays/bulk?{filter}).
 */
export function BulkForm({ initialFilter }: { initialFilter: FeedFilters }) {
  const router = useRouter();
  const endpoints = useEndpointsQuery();
  const [filter, setFilter] = useState<FeedFilters>(initialFilter);
  const [url, setUrl] = useState("");
  const [mode, setMode] = useState<"exact" | "endpoint">("exact");
  const [endpointId, setEndpointId] = useState("");
  const [concurrency, setConcurrency] = useState(4);
  const count = useBulkCountQuery(filterParams(filter));
  const start = useStartBulkMutation();

  const changeFilter = (next: FeedFilters) => {
    setFilter(next);
    // The URL follows for a reload or a shared link; no server round trip is needed.
    window.history.replaceState(null, "", `/replays/bulk${feedSearchString(next)}`);
  };
  const input = (): BulkRequestInput => {
    const common = { url: url.trim(), filter: filterParams(filter), concurrency };
    return mode === "endpoint" ? { ...common, mode, endpoint_id: endpointId } : { ...common, mode };
  };
  const total = count.data?.total;
  // The API's own schema says what a mode needs (a target, an endpoint for endpoint mode).
  const ready = total !== 0 && acceptsInput(bulkInputSchema, input());

  return (
    <form className="space-y-4" onSubmit={(e) => e.preventDefault()}>
      <div className="space-y-2">
        <h2 className="text-sm font-medium text-slate-700">Deliveries to replay</h2>
        <FeedFilterBar filters={filter} onChange={changeFilter} pickerOnly />
        <BulkCount filter={filter} count={count} />
      </div>
      <TargetInput value={url} onChange={setUrl} />
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <label className="max-w-full min-w-0 text-xs text-slate-600">
          Mode
          <select
            value={mode}
            onChange={(e) => setMode(e.target.value === "endpoint" ? "endpoint" : "exact")}
            className={`${field} max-w-full`}
          >
            <option value="exact">Exact (stored bytes and headers)</option>
            <option value="endpoint">As another endpoint (re-rendered, signed)</option>
          </select>
        </label>
        {mode === "endpoint" && (
          <label className="max-w-full min-w-0 text-xs text-slate-600">
            Endpoint
            <select
              value={endpointId}
              onChange={(e) => setEndpointId(e.target.value)}
              className={`${field} max-w-full`}
            >
              <option value="">{endpoints.isPending ? "Loading…" : "Choose an endpoint…"}</option>
              {endpoints.data?.data.map((endpoint) => (
                <option key={endpoint.id} value={endpoint.id}>
                  {endpoint.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="max-w-full min-w-0 text-xs text-slate-600">
          At most in flight
          <input
            type="number"
            min={1}
            max={16}
            value={concurrency}
            onChange={(e) => setConcurrency(Math.min(16, Math.max(1, Number(e.target.value) || 1)))}
            className={`${field} w-20`}
          />
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="primary"
          disabled={!ready || start.isPending}
          onClick={() =>
            start.mutate(input(), { onSuccess: (bulk) => router.push(`/replays/bulk/${bulk.id}`) })
          }
        >
          {start.isPending
            ? "Starting…"
            : total === undefined
              ? "Start bulk replay"
              : `Replay ${total.toLocaleString()} ${total === 1 ? "delivery" : "deliveries"}`}
        </Button>
        {url.trim() === "" && total !== 0 && (
          <span className="text-xs text-slate-500">Give a target URL to start.</span>
        )}
        {start.error && (
          <span className="text-sm text-red-700" role="alert">
            {start.error.message}
          </span>
        )}
      </div>
    </form>
  );
}
