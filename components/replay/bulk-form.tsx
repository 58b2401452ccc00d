"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { feedSearchString, type FeedFilters } from "@/lib/events/feed-search-params";
import { useEndpointsQuery } from "@/lib/query/endpoints";
import {
  useBulkDryRunMutation,
  useStartBulkMutation,
  type BulkInput,
} from "@/lib/query/bulk-replays";
import { BulkFilterFields } from "./bulk-filter-fields";
import { TargetInput } from "./target-input";

const button = "rounded px-3 py-1.5 text-sm font-medium disabled:opacity-50";

function cleanFilter(filter: FeedFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value?.trim()));
}

/** Replays every delivery matching a feed filter: count first, then start. */
export function BulkForm({ initialFilter }: { initialFilter: FeedFilters }) {
  const router = useRouter();
  const endpoints = useEndpointsQuery();
  const [filter, setFilter] = useState<FeedFilters>(initialFilter);
  const [url, setUrl] = useState("");
  const [mode, setMode] = useState<"exact" | "endpoint">("exact");
  const [endpointId, setEndpointId] = useState("");
  const [concurrency, setConcurrency] = useState(4);
  const dryRun = useBulkDryRunMutation();
  const start = useStartBulkMutation();

  const input = (): BulkInput => ({
    url: url.trim(),
    mode,
    filter: cleanFilter(filter),
    concurrency,
    ...(mode === "endpoint" ? { endpoint_id: endpointId } : {}),
  });
  const ready = url.trim() !== "" && (mode === "exact" || endpointId !== "");
  const error = start.error ?? dryRun.error;
  const commitFilter = () =>
    router.replace(`/replays/bulk${feedSearchString(cleanFilter(filter))}`, { scroll: false });

  return (
    <form className="space-y-4" onSubmit={(e) => e.preventDefault()}>
      <BulkFilterFields
        value={filter}
        onChange={(next) => {
          setFilter(next);
          dryRun.reset();
        }}
        onCommit={commitFilter}
      />
      <Link
        href={`/events${feedSearchString(cleanFilter(filter))}`}
        className="text-xs text-indigo-700 hover:underline"
      >
        See these deliveries in the feed →
      </Link>
      <TargetInput value={url} onChange={setUrl} />
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <label className="text-xs text-slate-600">
          Mode
          <select
            value={mode}
            onChange={(e) => setMode(e.target.value === "endpoint" ? "endpoint" : "exact")}
            className="mt-0.5 block rounded border border-slate-300 px-2 py-1 text-sm"
          >
            <option value="exact">Exact (stored bytes and headers)</option>
            <option value="endpoint">As another endpoint (re-rendered, signed)</option>
          </select>
        </label>
        {mode === "endpoint" && (
          <label className="text-xs text-slate-600">
            Endpoint
            <select
              value={endpointId}
              onChange={(e) => setEndpointId(e.target.value)}
              className="mt-0.5 block rounded border border-slate-300 px-2 py-1 text-sm"
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
        <label className="text-xs text-slate-600">
          At most in flight
          <input
            type="number"
            min={1}
            max={16}
            value={concurrency}
            onChange={(e) => setConcurrency(Math.min(16, Math.max(1, Number(e.target.value) || 1)))}
            className="mt-0.5 block w-20 rounded border border-slate-300 px-2 py-1 text-sm"
          />
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={!ready || dryRun.isPending}
          onClick={() => dryRun.mutate(input())}
          className={`${button} border border-slate-300 bg-white text-slate-700 hover:bg-slate-100`}
        >
          {dryRun.isPending ? "Counting…" : "Count matching deliveries"}
        </button>
        <button
          type="button"
          disabled={!ready || start.isPending}
          onClick={() =>
            start.mutate(input(), { onSuccess: (bulk) => router.push(`/replays/bulk/${bulk.id}`) })
          }
          className={`${button} text-on-accent bg-indigo-600 hover:bg-indigo-700`}
        >
          {start.isPending
            ? "Starting…"
            : dryRun.data
              ? `Replay ${dryRun.data.total} deliveries`
              : "Start bulk replay"}
        </button>
        {dryRun.data && (
          <span
            className="text-sm"
            data-testid="bulk-dry-run"
          >{`${dryRun.data.total} ${dryRun.data.total === 1 ? "delivery matches" : "deliveries match"}, oldest first.`}</span>
        )}
        {error && (
          <span className="text-sm text-red-700" role="alert">
            {error.message}
          </span>
        )}
      </div>
    </form>
  );
}
